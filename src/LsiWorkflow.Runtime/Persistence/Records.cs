namespace LsiWorkflow.Runtime.Persistence;

public enum DefinitionStatus
{
    Draft,
    Published,
    Retracted,
}

/// <summary>One version of a definition. Published versions are frozen; a definition has at most one draft.</summary>
public sealed class DefinitionRecord
{
    public Guid Id { get; set; }
    public required string DefinitionId { get; set; }
    public int Version { get; set; }
    public required string Name { get; set; }
    public DefinitionStatus Status { get; set; }

    /// <summary>The definition JSON as we own it (stored as jsonb).</summary>
    public required string Json { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? RetractedAt { get; set; }
    public string? UpdatedBy { get; set; }

    /// <summary>PostgreSQL's xmin: two secretaries saving the same draft cannot overwrite each other.</summary>
    public uint RowVersion { get; set; }
}

/// <summary>An instance: its engine state as JSON, plus the columns lists and filters need.</summary>
public sealed class InstanceRecord
{
    public Guid Id { get; set; }
    public required string DefinitionId { get; set; }
    public int DefinitionVersion { get; set; }
    public required string Status { get; set; }
    public required string State { get; set; }
    public string? CorrelationKey { get; set; }
    public Guid? ParentInstanceId { get; set; }
    public string? StartedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>A bookmark an instance waits on, mirrored from its state so events and timers find it by index.</summary>
public sealed class BookmarkRecord
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string ActivityId { get; set; }
    public required string Kind { get; set; }
    public string? EventName { get; set; }
    public string? CorrelationKey { get; set; }
    public DateTimeOffset? DueAt { get; set; }
}

public enum TaskStatus
{
    Open,
    Completed,
    Cancelled,
}

/// <summary>A human task: what a partner, steering-group member or secretary is asked to decide.</summary>
public sealed class TaskRecord
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public Guid BookmarkId { get; set; }
    public required string ActivityId { get; set; }
    public required string DefinitionId { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public string? Organisation { get; set; }
    public string? Role { get; set; }
    public string? AssigneeUser { get; set; }
    public string? ClaimedBy { get; set; }
    public required string Outcomes { get; set; }
    public required string CommentRequiredFor { get; set; }
    public required string FormFields { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public string? EscalateTo { get; set; }
    public required string Priority { get; set; }
    public TaskStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? CompletedBy { get; set; }
    public string? CompletedByOrganisation { get; set; }
    public string? Outcome { get; set; }
    public string? Comment { get; set; }
    public string? FormValues { get; set; }
}

public enum TimerStatus
{
    Pending,
    Fired,
    Cancelled,
}

/// <summary>What a task deadline timer is for.</summary>
public enum TaskDeadlineKind
{
    Reminder,
    Due,
    Escalation,
}

/// <summary>
/// A timer by our own id. An instance timer resumes its bookmark (same id); a start timer starts a new
/// instance of a recurring definition; a task timer reminds or escalates around a task's due date.
/// Hangfire only wakes us; this table says what is due.
/// </summary>
public sealed class TimerRecord
{
    public Guid Id { get; set; }
    public Guid? InstanceId { get; set; }
    public Guid? TaskId { get; set; }
    public TaskDeadlineKind? TaskDeadline { get; set; }
    public string? StartDefinitionId { get; set; }
    public string? StartActivityId { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public TimerStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FiredAt { get; set; }
}

/// <summary>Something to do after a burst commits (a mail, a child to start, a parent to resume).</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public required string Kind { get; set; }
    public Guid? InstanceId { get; set; }
    public required string Payload { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    /// <summary>After a failure: not tried again before this moment (the delay doubles with each attempt).</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Set when an administrator gave up on the message: it is never tried again.</summary>
    public DateTimeOffset? AbandonedAt { get; set; }
    public string? AbandonedBy { get; set; }
}

/// <summary>A journal line: every activity execution of an instance.</summary>
public sealed class JournalRecord
{
    public long Id { get; set; }
    public Guid InstanceId { get; set; }
    public string? ActivityId { get; set; }
    public string? ActivityType { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset EndedAt { get; set; }
    public string? Outcome { get; set; }
    public string? Actor { get; set; }
    public string? Message { get; set; }
}

/// <summary>One row per wake-up second, so 10,000 timers due together schedule one Hangfire job, not 10,000.</summary>
public sealed class TimerWakeup
{
    public DateTimeOffset DueSecond { get; set; }
}

/// <summary>
/// Every domain event raised, so an instance that begins to wait just as its event is raised still hears it:
/// after committing a new wait, the runtime looks here for the event since its transaction began.
/// </summary>
public sealed class EventRecord
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string? CorrelationKey { get; set; }
    public string? Payload { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
}
