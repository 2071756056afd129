using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LsiWorkflow.Engine.Runtime;

/// <summary>
/// A side effect of a burst. The host stores effects with the new state in one transaction and dispatches them
/// after commit; the ids inside them are new per effect, so they serve as idempotency keys.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TaskRequested), "taskRequested")]
[JsonDerivedType(typeof(TaskCancelled), "taskCancelled")]
[JsonDerivedType(typeof(TimerRequested), "timerRequested")]
[JsonDerivedType(typeof(TimerCancelled), "timerCancelled")]
[JsonDerivedType(typeof(NotificationRequested), "notificationRequested")]
[JsonDerivedType(typeof(ChildWorkflowRequested), "childWorkflowRequested")]
[JsonDerivedType(typeof(WorkflowFinishedEffect), "workflowFinished")]
[JsonDerivedType(typeof(MilestoneReached), "milestoneReached")]
[JsonDerivedType(typeof(IncidentRaised), "incidentRaised")]
public abstract record WorkflowEffect;

/// <summary>A form field of a human task.</summary>
/// <param name="Name">Key in the form values.</param>
/// <param name="Label">Label shown to people.</param>
/// <param name="Type">text, multilineText, number, date, boolean or choice.</param>
/// <param name="Required">Whether a value is needed to complete the task.</param>
/// <param name="Choices">Options for a choice field.</param>
public sealed record FormField(string Name, string? Label = null, string Type = "text", bool Required = false, IReadOnlyList<string>? Choices = null)
{
    /// <summary>The allowed field types.</summary>
    public static IReadOnlyList<string> Types { get; } = ["text", "multilineText", "number", "date", "boolean", "choice"];
}

/// <summary>Open a task for a person, role or organisation.</summary>
public sealed record TaskRequested(
    Guid TaskId,
    Guid BookmarkId,
    string ActivityId,
    string Title,
    string? Description,
    string? Organisation,
    string? Role,
    string? User,
    IReadOnlyList<string> Outcomes,
    IReadOnlyList<string> CommentRequiredFor,
    IReadOnlyList<FormField> FormFields,
    DateTimeOffset? DueAt,
    IReadOnlyList<string> ReminderOffsets,
    IReadOnlyList<DateTimeOffset> RemindAt,
    string? EscalateTo,
    string Priority) : WorkflowEffect;

/// <summary>Close an open task without a decision (veto, wait-any, End, cancel).</summary>
public sealed record TaskCancelled(Guid TaskId) : WorkflowEffect;

/// <summary>Set a timer; when due, resume with <see cref="TimerFired"/> for <paramref name="TimerId"/>.</summary>
public sealed record TimerRequested(Guid TimerId, DateTimeOffset DueAt) : WorkflowEffect;

/// <summary>Remove a timer.</summary>
public sealed record TimerCancelled(Guid BookmarkId) : WorkflowEffect;

/// <summary>Send a message.</summary>
public sealed record NotificationRequested(
    Guid MessageId,
    IReadOnlyList<string> Organisations,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Users,
    string Subject,
    string Body) : WorkflowEffect;

/// <summary>Start a child instance; <paramref name="ParentBookmarkId"/> is set when the parent waits for it.</summary>
public sealed record ChildWorkflowRequested(
    Guid ChildInstanceId,
    string DefinitionId,
    JsonObject Input,
    Guid ParentInstanceId,
    Guid? ParentBookmarkId) : WorkflowEffect;

/// <summary>A child instance that its parent waits for has ended; resume the parent with <see cref="ChildFinished"/>.</summary>
public sealed record WorkflowFinishedEffect(
    Guid InstanceId,
    Guid ParentInstanceId,
    Guid ParentBookmarkId,
    WorkflowStatus Status,
    JsonObject Output) : WorkflowEffect;

/// <summary>A milestone was reached.</summary>
public sealed record MilestoneReached(string ActivityId, string Name, DateOnly? PlannedDate, DateTimeOffset ActualAt) : WorkflowEffect;

/// <summary>An incident was raised; the instance is faulted.</summary>
public sealed record IncidentRaised(Guid IncidentId, string? ActivityId, string Message) : WorkflowEffect;
