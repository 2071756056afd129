using System.Text.Json.Nodes;

namespace LsiWorkflow.Engine.Runtime;

/// <summary>
/// Outcome of one burst: the new state, the effects to dispatch after commit and the journal lines.
/// The runner does no I/O; the host commits all three in one transaction.
/// </summary>
/// <param name="State">New state (a copy; the caller's state is never changed).</param>
/// <param name="Effects">Effects in the order they arose.</param>
/// <param name="Journal">Journal lines of this burst.</param>
/// <param name="Ignored">True when a signal found no bookmark or no active instance and nothing changed.</param>
public sealed record BurstResult(
    WorkflowState State,
    IReadOnlyList<WorkflowEffect> Effects,
    IReadOnlyList<JournalEntry> Journal,
    bool Ignored = false);

/// <summary>One line of the journal: an activity execution or an instance-level event.</summary>
/// <param name="InstanceId">Instance.</param>
/// <param name="ActivityId">Activity, or null for instance-level lines (cancel).</param>
/// <param name="ActivityType">Activity type, or null.</param>
/// <param name="StartedAt">Start.</param>
/// <param name="EndedAt">End.</param>
/// <param name="Outcome">Outcome(s) taken, comma separated; null when waiting or failing.</param>
/// <param name="Actor">Who caused it, when known.</param>
/// <param name="Message">Plain Dutch remark (waiting, fault message, ...).</param>
public sealed record JournalEntry(
    Guid InstanceId,
    string? ActivityId,
    string? ActivityType,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    string? Outcome,
    string? Actor,
    string? Message);

/// <summary>How to start an instance.</summary>
public sealed record StartRequest
{
    /// <summary>Instance id; a new one is made when empty.</summary>
    public Guid InstanceId { get; init; }

    /// <summary>Input values for the Start activity.</summary>
    public JsonObject? Input { get; init; }

    /// <summary>Business correlation key.</summary>
    public string? CorrelationKey { get; init; }

    /// <summary>Who starts it.</summary>
    public string? Actor { get; init; }

    /// <summary>Parent instance when started as a child.</summary>
    public Guid? ParentInstanceId { get; init; }

    /// <summary>The parent's bookmark that waits for this child.</summary>
    public Guid? ParentBookmarkId { get; init; }

    /// <summary>Start activity to begin at (e.g. the TimerStart of a recurring start); default: the first Start, else the first TimerStart.</summary>
    public string? StartActivityId { get; init; }
}
