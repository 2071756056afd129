using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Audit;
using LsiWorkflow.Host.Features.Cooperation;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Recommendations;

/// <summary>Moves a follow-up action on: in progress, done (with an optional decision) or rejected (decision required).</summary>
[Allowed(Policies.CanManageDomain)]
public sealed record UpdateFollowUpAction(Actor Actor, Guid EvaluationId, Guid ActionId, FollowUpStatus Status, string? Decision, string? Reason)
    : ICommand<FollowUpActionView>, IActorMessage;

public sealed class UpdateFollowUpActionHandler(LsiDbContext db, AuditTrail audit) : ICommandHandler<UpdateFollowUpAction, FollowUpActionView>
{
    public async ValueTask<FollowUpActionView> Handle(UpdateFollowUpAction command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var evaluation = await db.Set<Evaluation>().SingleOrDefaultAsync(e => e.Id == command.EvaluationId, cancellationToken)
            ?? throw new NotFoundException($"Evaluatie {command.EvaluationId} bestaat niet.");
        var (recommendation, action) = evaluation.Recommendations
            .SelectMany(r => r.FollowUpActions.Select(a => (Recommendation: r, Action: a)))
            .FirstOrDefault(x => x.Action.Id == command.ActionId);
        if (action is null)
        {
            throw new NotFoundException($"Actie {command.ActionId} hoort niet bij deze evaluatie.");
        }

        var previous = action.Status;
        switch (command.Status)
        {
            case FollowUpStatus.InProgress:
                action.Begin();
                break;
            case FollowUpStatus.Done:
                action.Complete(string.IsNullOrWhiteSpace(command.Decision) ? null : command.Decision.Trim());
                break;
            case FollowUpStatus.Rejected when string.IsNullOrWhiteSpace(command.Decision):
                throw new InvalidRequestException("Een aanbeveling niet overnemen is een besluit: geef het besluit met de reden.");
            case FollowUpStatus.Rejected:
                action.Reject(command.Decision.Trim());
                break;
            default:
                throw new InvalidRequestException("Een actie kan niet terug naar 'open'.");
        }

        audit.Record(command.Actor, "FollowUpActionUpdated", action,
            AuditTrail.AsJson(new { recommendation = recommendation!.Number, from = previous.ToString(), to = action.Status.ToString(), action.Decision }),
            command.Reason);
        await db.SaveChangesAsync(cancellationToken);
        var codes = await db.OrganisationCodesAsync(cancellationToken);
        return FollowUpActionView.Of(action, codes);
    }
}
