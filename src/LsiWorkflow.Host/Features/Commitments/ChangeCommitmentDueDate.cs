using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Audit;
using LsiWorkflow.Host.Features.Reminders;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Commitments;

/// <summary>Moves a commitment's due date (as agreed with parliament), with the reason; its reminders move with it. A fulfilled commitment is refused.</summary>
[Allowed(Policies.CanManageDomain)]
public sealed record ChangeCommitmentDueDate(Actor Actor, Guid CommitmentId, DateOnly DueOn, string? Reason) : ICommand<CommitmentView>, IActorMessage;

public sealed class ChangeCommitmentDueDateHandler(LsiDbContext db, AuditTrail audit, DateReminders reminders, TimeProvider clock) : ICommandHandler<ChangeCommitmentDueDate, CommitmentView>
{
    public async ValueTask<CommitmentView> Handle(ChangeCommitmentDueDate command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var commitment = await db.Set<Commitment>().SingleOrDefaultAsync(c => c.Id == command.CommitmentId, cancellationToken)
            ?? throw new NotFoundException($"Toezegging {command.CommitmentId} bestaat niet.");
        var before = commitment.DueOn;
        commitment.MoveDueDate(command.DueOn);
        // After the domain's own refusal (a fulfilled commitment keeps its date): nothing is saved when this throws.
        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            throw new InvalidRequestException("Geef de reden van de nieuwe datum op.")
            {
                Errors = new Dictionary<string, string[]> { ["reason"] = ["Geef de reden van de nieuwe datum op."] },
            };
        }

        audit.Record(command.Actor, "CommitmentDueDateChanged", commitment, $"Uiterlijk van {before:yyyy-MM-dd} naar {command.DueOn:yyyy-MM-dd}", command.Reason);
        await db.SaveChangesAsync(cancellationToken);
        await reminders.PlanAsync(commitment.Id, cancellationToken);
        return CommitmentView.Of(commitment, clock.Today());
    }
}
