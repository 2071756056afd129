using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Audit;
using LsiWorkflow.Host.Features.Reminders;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Milestones;

/// <summary>Reached today unless a day is given. Reaching it twice is refused: the first date is what was reported.</summary>
[Allowed(Policies.CanManageDomain, System = true)]
public sealed record RecordMilestoneReached(Actor Actor, Guid MilestoneId, DateOnly? ReachedOn, string? Reason) : ICommand<MilestoneView>, IActorMessage;

public sealed class RecordMilestoneReachedHandler(LsiDbContext db, AuditTrail audit, DateReminders reminders, TimeProvider clock) : ICommandHandler<RecordMilestoneReached, MilestoneView>
{
    public async ValueTask<MilestoneView> Handle(RecordMilestoneReached command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var milestone = await db.Set<Milestone>().SingleOrDefaultAsync(m => m.Id == command.MilestoneId, cancellationToken)
            ?? throw new NotFoundException($"Mijlpaal {command.MilestoneId} bestaat niet.");
        if (milestone.ActualOn is { } reached)
        {
            throw new ConflictException("Mijlpaal al bereikt", $"Deze mijlpaal is al bereikt op {reached:dd-MM-yyyy}.");
        }

        var today = clock.Today();
        var on = command.ReachedOn ?? today;
        if (on > today)
        {
            throw new InvalidRequestException("Een mijlpaal kan niet in de toekomst zijn bereikt.");
        }

        milestone.Reach(on);
        audit.Record(command.Actor, "MilestoneReached", milestone, $"Bereikt op {on:yyyy-MM-dd} (gepland {milestone.PlannedOn:yyyy-MM-dd})", command.Reason,
            milestone.Subject == MilestoneSubject.Project ? milestone.SubjectId : null);
        await db.SaveChangesAsync(cancellationToken);
        await reminders.PlanAsync(milestone.Id, cancellationToken); // a milestone reached is reminded no more
        return MilestoneView.Of(milestone, today);
    }
}
