using System.Text.Json;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
namespace LsiWorkflow.Host.Features.Audit;

/// <summary>
/// Writes audit lines into the caller's context without saving, so a line is committed by the same
/// SaveChanges as the change it describes, or not at all.
/// </summary>
public sealed class AuditTrail(LsiDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public AuditEntry Record(Actor actor, string action, Entity subject, string what, string? why = null, Guid? projectId = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(subject);
        var entry = new AuditEntry
        {
            // PostgreSQL stores instants in UTC; a clock may report its "UTC" now with another offset.
            At = clock.GetUtcNow().ToUniversalTime(),
            ActorUserName = actor.UserName,
            ActorOrganisation = actor.Organisation,
            Action = action,
            SubjectType = subject.GetType().Name,
            SubjectId = subject.Id,
            ProjectId = projectId ?? (subject as Project)?.Id,
            What = what,
            Why = string.IsNullOrWhiteSpace(why) ? null : why.Trim(),
        };
        db.Add(entry);
        return entry;
    }

    /// <summary>For a change to something that is no domain entity (a person's account, an outbox message).</summary>
    public AuditEntry Record(Actor actor, string action, string subjectType, Guid subjectId, string what, string? why = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow().ToUniversalTime(),
            ActorUserName = actor.UserName,
            ActorOrganisation = actor.Organisation,
            Action = action,
            SubjectType = subjectType,
            SubjectId = subjectId,
            What = what,
            Why = string.IsNullOrWhiteSpace(why) ? null : why.Trim(),
        };
        db.Add(entry);
        return entry;
    }

    /// <summary>For changes best read as data, e.g. the gate reasons of a refusal.</summary>
    public static string AsJson<T>(T value) => JsonSerializer.Serialize(value, Json);
}
