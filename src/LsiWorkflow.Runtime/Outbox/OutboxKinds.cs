using System.Text.Json;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Runtime.Persistence;

namespace LsiWorkflow.Runtime.Outbox;

/// <summary>The kinds of outbox message the runtime writes; features add their own (a notice source's kind).</summary>
public static class OutboxKinds
{
    public const string Notification = "notification";
    public const string StartChild = "start-child";
    public const string ResumeParent = "resume-parent";
    public const string Milestone = "milestone";

    /// <summary>A task's reminder, due notice or escalation, written by the timer claim in SQL.</summary>
    public const string TaskDeadline = "task-deadline";

    public static string Of(WorkflowEffect effect) => effect switch
    {
        NotificationRequested => Notification,
        ChildWorkflowRequested => StartChild,
        WorkflowFinishedEffect => ResumeParent,
        MilestoneReached => Milestone,
        _ => throw new ArgumentOutOfRangeException(nameof(effect), effect.GetType().Name, "No outbox kind for this effect."),
    };

    /// <summary>The effect an outbox message of one of the runtime's kinds carries.</summary>
    public static T Effect<T>(this OutboxMessage message) where T : WorkflowEffect =>
        (T)JsonSerializer.Deserialize<WorkflowEffect>(message.Payload, WorkflowState.JsonOptions)!;
}
