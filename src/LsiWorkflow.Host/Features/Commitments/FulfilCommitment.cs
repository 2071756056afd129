using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Audit;
using LsiWorkflow.Host.Features.Reminders;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Commitments;

/// <summary>
/// Fulfilled today unless a day is given; a day in the future is refused, that would be a promise, not a fact. The
/// result is required: a commitment to parliament is kept by something done, and the register says what.
/// </summary>
[Allowed(Policies.CanManageDomain)]
public sealed record FulfilCommitment(Actor Actor, Guid CommitmentId, DateOnly? FulfilledOn, string? Reason, string? Result = null, string? DocumentReference = null)
    : ICommand<CommitmentView>, IActorMessage;

public sealed class FulfilCommitmentHandler(LsiDbContext db, AuditTrail audit, DateReminders reminders, TimeProvider clock) : ICommandHandler<FulfilCommitment, CommitmentView>
{
    public async ValueTask<CommitmentView> Handle(FulfilCommitment command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var commitment = await db.Set<Commitment>().SingleOrDefaultAsync(c => c.Id == command.CommitmentId, cancellationToken)
            ?? throw new NotFoundException($"Toezegging {command.CommitmentId} bestaat niet.");
        var today = clock.Today();
        var on = command.FulfilledOn ?? today;
        if (on > today)
        {
            throw new InvalidRequestException("Een toezegging kan niet in de toekomst zijn nagekomen.");
        }

        if (string.IsNullOrWhiteSpace(command.Result))
        {
            throw new InvalidRequestException("Beschrijf het resultaat waarmee de toezegging is nagekomen.")
            {
                Errors = new Dictionary<string, string[]> { ["result"] = ["Beschrijf het resultaat waarmee de toezegging is nagekomen."] },
            };
        }

        try
        {
            commitment.Fulfil(on, command.Result, command.DocumentReference);
        }
        catch (ArgumentException invalid)
        {
            throw new InvalidRequestException(invalid.Message);
        }

        audit.Record(command.Actor, "CommitmentFulfilled", commitment,
            $"Nagekomen op {on:yyyy-MM-dd} (uiterlijk {commitment.DueOn:yyyy-MM-dd}): {commitment.Result}"
            + (commitment.DocumentReference is { } document ? $" ({document})" : ""), command.Reason);
        await db.SaveChangesAsync(cancellationToken);
        await reminders.PlanAsync(commitment.Id, cancellationToken); // a commitment fulfilled is reminded no more
        return CommitmentView.Of(commitment, today);
    }
}
