using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Runtime.Outbox;
using LsiWorkflow.Runtime.Persistence;

namespace LsiWorkflow.Host.Features.Milestones;

/// <summary>A workflow reached a milestone (its milestone activity ran); for now it is logged.</summary>
internal sealed class WorkflowMilestones(ILogger<WorkflowMilestones> log) : IOutboxHandler
{
    public string Kind => OutboxKinds.Milestone;

    public Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var milestone = message.Effect<MilestoneReached>();
        log.LogInformation("Milestone {Name} reached by instance {InstanceId} at {ActualAt}", milestone.Name, message.InstanceId, milestone.ActualAt);
        return Task.CompletedTask;
    }
}
