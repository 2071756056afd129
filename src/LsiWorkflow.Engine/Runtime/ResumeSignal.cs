using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LsiWorkflow.Engine.Runtime;

/// <summary>Something from outside that resumes an instance at one of its bookmarks.</summary>
/// <param name="BookmarkId">The bookmark being resumed.</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TaskCompleted), "taskCompleted")]
[JsonDerivedType(typeof(TimerFired), "timerFired")]
[JsonDerivedType(typeof(EventReceived), "eventReceived")]
[JsonDerivedType(typeof(ChildFinished), "childFinished")]
public abstract record ResumeSignal(Guid BookmarkId);

/// <summary>A person completed a human task.</summary>
public sealed record TaskCompleted(
    Guid BookmarkId,
    Guid TaskId,
    string Outcome,
    string? Actor = null,
    string? Organisation = null,
    string? Comment = null,
    JsonObject? FormValues = null) : ResumeSignal(BookmarkId);

/// <summary>A timer (delay, due date) became due.</summary>
public sealed record TimerFired(Guid BookmarkId) : ResumeSignal(BookmarkId);

/// <summary>An awaited domain event arrived.</summary>
public sealed record EventReceived(Guid BookmarkId, JsonNode? Payload = null) : ResumeSignal(BookmarkId);

/// <summary>A child workflow the instance waited for has ended.</summary>
public sealed record ChildFinished(Guid BookmarkId, Guid ChildInstanceId, JsonObject? Output = null) : ResumeSignal(BookmarkId);

/// <summary>
/// Thrown when a task completion arrives for a task that was already completed; the host answers 409.
/// </summary>
public sealed class TaskAlreadyCompletedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public TaskAlreadyCompletedException(Guid taskId)
        : base($"Taak {taskId} is al afgerond.") => TaskId = taskId;

    /// <summary>The task completed before.</summary>
    public Guid TaskId { get; }
}

/// <summary>
/// A signal the activity cannot accept (an outcome the task does not offer, a missing required comment).
/// Nothing is changed; the host answers the caller with a client error.
/// </summary>
public sealed class InvalidSignalException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public InvalidSignalException(string message) : base(message)
    {
    }
}
