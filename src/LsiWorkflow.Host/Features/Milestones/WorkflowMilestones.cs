using System.Text.Json.Nodes;
using LsiWorkflow.Domain;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Host.Features.Audit;
using LsiWorkflow.Host.Features.Reminders;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Outbox;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Milestones;

/// <summary>A workflow reached a milestone (its milestone activity ran): it is recorded in the register, where /milestones shows it.</summary>
internal sealed class WorkflowMilestones(LsiDbContext db, IMediator mediator) : IOutboxHandler
{
    public string Kind => OutboxKinds.Milestone;

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var milestone = message.Effect<MilestoneReached>();
        var instanceId = message.InstanceId ?? throw new InvalidOperationException("A milestone without its instance.");
        var definitionId = await db.Set<InstanceRecord>().AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.DefinitionId).SingleAsync(ct);
        await mediator.Send(new RecordWorkflowMilestone(Actor.ForWorkflow(definitionId, instanceId), instanceId, milestone.Name, milestone.PlannedDate, milestone.ActualAt), ct);
    }
}

/// <summary>
/// A workflow's milestone activity ran. The milestone belongs to what the workflow is about: the project or the
/// commitment named by its <c>projectId</c> / <c>commitmentId</c> input or its correlation key, the convenant for an
/// evaluation, otherwise the multi-year plan. A planned milestone of that name is reached; without one, it is added
/// as reached. A workflow about a commitment that reaches its milestone has kept the commitment: it is fulfilled.
/// Delivered twice (the outbox may), the second finds it reached and changes nothing.
/// </summary>
[Allowed(Policies.CanManageDomain, System = true)]
public sealed record RecordWorkflowMilestone(Actor Actor, Guid InstanceId, string Name, DateOnly? PlannedOn, DateTimeOffset ReachedAt)
    : ICommand<MilestoneView>, IActorMessage;

public sealed class RecordWorkflowMilestoneHandler(LsiDbContext db, AuditTrail audit, DateReminders reminders, TimeProvider clock)
    : ICommandHandler<RecordWorkflowMilestone, MilestoneView>
{
    public async ValueTask<MilestoneView> Handle(RecordWorkflowMilestone command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var instance = await db.Set<InstanceRecord>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == command.InstanceId, cancellationToken)
            ?? throw new NotFoundException($"Instantie {command.InstanceId} bestaat niet.");
        var (subject, subjectId) = await SubjectOfAsync(instance, cancellationToken);
        var reachedOn = DomainRules.DayInTheNetherlands(command.ReachedAt);

        var milestone = await db.Set<Milestone>()
            .Where(m => m.Subject == subject && m.SubjectId == subjectId && m.Name == command.Name)
            .OrderBy(m => m.ActualOn != null).ThenBy(m => m.PlannedOn)
            .FirstOrDefaultAsync(cancellationToken);
        if (milestone?.ActualOn is not null)
        {
            return MilestoneView.Of(milestone, clock.Today());
        }
        if (milestone is null)
        {
            milestone = new Milestone(command.Name, command.PlannedOn ?? reachedOn, subject, subjectId);
            db.Add(milestone);
        }
        milestone.Reach(reachedOn);
        audit.Record(command.Actor, "MilestoneReached", milestone, $"Bereikt op {reachedOn:yyyy-MM-dd} (gepland {milestone.PlannedOn:yyyy-MM-dd})", null,
            subject == MilestoneSubject.Project ? subjectId : null);

        if (subject == MilestoneSubject.Commitment
            && await db.Set<Commitment>().SingleAsync(c => c.Id == subjectId, cancellationToken) is { Status: CommitmentStatus.Open } commitment)
        {
            commitment.Fulfil(reachedOn);
            audit.Record(command.Actor, "CommitmentFulfilled", commitment, $"Nagekomen op {reachedOn:yyyy-MM-dd} (uiterlijk {commitment.DueOn:yyyy-MM-dd})",
                $"Mijlpaal '{command.Name}' van de werkstroom bereikt.");
        }
        await db.SaveChangesAsync(cancellationToken);
        await reminders.PlanAsync(milestone.Id, cancellationToken);
        if (subject == MilestoneSubject.Commitment)
        {
            await reminders.PlanAsync(subjectId, cancellationToken); // a commitment fulfilled is reminded no more
        }
        return MilestoneView.Of(milestone, clock.Today());
    }

    private async Task<(MilestoneSubject Subject, Guid Id)> SubjectOfAsync(InstanceRecord instance, CancellationToken ct)
    {
        var input = WorkflowState.FromJson(instance.State).Input;
        foreach (var key in new[] { Id(input["projectId"]), Guid.TryParse(instance.CorrelationKey, out var k) ? k : null }.OfType<Guid>())
        {
            if (await db.Set<Project>().AnyAsync(p => p.Id == key, ct))
            {
                return (MilestoneSubject.Project, key);
            }
        }
        foreach (var key in new[] { Id(input["commitmentId"]), Guid.TryParse(instance.CorrelationKey, out var k) ? k : null }.OfType<Guid>())
        {
            if (await db.Set<Commitment>().AnyAsync(c => c.Id == key, ct))
            {
                return (MilestoneSubject.Commitment, key);
            }
        }
        var covenant = await db.Set<Covenant>().AsNoTracking().Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        if (instance.DefinitionId == "covenant-evaluation" && covenant is { } covenantId)
        {
            return (MilestoneSubject.CovenantCycle, covenantId);
        }
        var plan = await db.Set<MultiYearPlan>().AsNoTracking().Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        return plan is { } planId ? (MilestoneSubject.MultiYearPlan, planId)
            : covenant is { } fallback ? (MilestoneSubject.CovenantCycle, fallback)
            : throw new DomainRuleException($"Mijlpaal van werkstroom {instance.DefinitionId}: er is geen convenant of meerjarenplan om haar bij te houden.");
    }

    private static Guid? Id(JsonNode? value) => value is JsonValue v && Guid.TryParse(v.ToString(), out var id) ? id : null;
}
