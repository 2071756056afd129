namespace LsiWorkflow.Domain;

/// <summary>
/// One line of the append-only audit trail: who (and for which organisation) did what, when and why.
/// Init-only because nobody changes history; the database refuses update and delete as well.
/// Names and codes are copied in, not referenced, so the line still reads right after renames.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required DateTimeOffset At { get; init; }

    public required string ActorUserName { get; init; }

    /// <summary>The actor's organisation code; null for the system itself (timers, events).</summary>
    public string? ActorOrganisation { get; init; }

    /// <summary>What happened, e.g. "ProjectApproved", "GateBlocked", "DpiaAdopted".</summary>
    public required string Action { get; init; }

    public required string SubjectType { get; init; }

    public required Guid SubjectId { get; init; }

    /// <summary>Set whenever the change concerns a project, so the trail can be exported per project.</summary>
    public Guid? ProjectId { get; init; }

    /// <summary>A summary or JSON of the change.</summary>
    public required string What { get; init; }

    public string? Why { get; init; }
}
