using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Audit;
using LsiWorkflow.Host.Features.Reminders;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Milestones;

/// <summary>Moves a milestone's planned date, with the reason; its reminders move with it. A reached milestone is refused.</summary>
[Allowed(Policies.CanManageDomain)]
public sealed record ReplanMilestone(Actor Actor, Guid MilestoneId, DateOnly PlannedOn, string? Reason) : ICommand<MilestoneView>, IActorMessage;

public sealed class ReplanMilestoneHandler(LsiDbContext db, AuditTrail audit, DateReminders reminders, TimeProvider clock) : ICommandHandler<ReplanMilestone, MilestoneView>
{
    public async ValueTask<MilestoneView> Handle(ReplanMilestone command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var milestone = await db.Set<Milestone>().SingleOrDefaultAsync(m => m.Id == command.MilestoneId, cancellationToken)
            ?? throw new NotFoundException($"Mijlpaal {command.MilestoneId} bestaat niet.");
        var before = milestone.PlannedOn;
        milestone.Replan(command.PlannedOn);
        // After the domain's own refusal (a reached milestone keeps its date): nothing is saved when this throws.
        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            throw new InvalidRequestException("Geef de reden van de nieuwe datum op.")
            {
                Errors = new Dictionary<string, string[]> { ["reason"] = ["Geef de reden van de nieuwe datum op."] },
            };
        }

        audit.Record(command.Actor, "MilestoneReplanned", milestone, $"Gepland van {before:yyyy-MM-dd} naar {command.PlannedOn:yyyy-MM-dd}", command.Reason,
            milestone.Subject == MilestoneSubject.Project ? milestone.SubjectId : null);
        await db.SaveChangesAsync(cancellationToken);
        await reminders.PlanAsync(milestone.Id, cancellationToken);
        return MilestoneView.Of(milestone, clock.Today());
    }
}
