using System.Text.Json;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Notifications;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Api;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Audit;

/// <summary>
/// The audit trail of one project as CSV, for a reviewer checking the safeguards case by case: written by the one
/// CSV writer of every export (<see cref="Csv"/>: UTF-8 with BOM, semicolons, formula cells neutralised), times in
/// Dutch time, and what was stored as data (the gate reasons of a step, say) written out as words.
/// </summary>
[Allowed(Policies.AnyRole)]
public sealed record ExportProjectAudit(Actor Actor, Guid ProjectId) : IQuery<byte[]>, IActorMessage;

public sealed class ExportProjectAuditHandler(LsiDbContext db) : IQueryHandler<ExportProjectAudit, byte[]>
{
    private static readonly string[] Header = ["Tijdstip", "Gebruiker", "Organisatie", "Actie", "Onderwerp", "Onderwerp-id", "Wat", "Waarom"];

    public async ValueTask<byte[]> Handle(ExportProjectAudit query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!await db.Set<Project>().AnyAsync(p => p.Id == query.ProjectId, cancellationToken))
        {
            throw new NotFoundException($"Project {query.ProjectId} bestaat niet.");
        }

        var entries = await db.Set<AuditEntry>().AsNoTracking()
            .Where(a => a.ProjectId == query.ProjectId)
            .OrderBy(a => a.At).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);

        return Csv.Write(Header, entries.Select(e => (IReadOnlyList<object?>)
        [
            TimeZoneInfo.ConvertTime(e.At, NotificationTemplates.Dutch).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            e.ActorUserName, e.ActorOrganisation, e.Action, e.SubjectType, e.SubjectId.ToString(), Readable(e.What), e.Why,
        ]));
    }

    /// <summary>
    /// What a change stored as JSON (<see cref="AuditTrail.AsJson"/>) as a line of words: <c>name: X; reasons: A | B</c>;
    /// a reason object reads as its message. Plain text stays as it is.
    /// </summary>
    public static string Readable(string what)
    {
        ArgumentNullException.ThrowIfNull(what);
        var trimmed = what.TrimStart();
        if (!trimmed.StartsWith('{') && !trimmed.StartsWith('['))
        {
            return what;
        }
        try
        {
            using var json = JsonDocument.Parse(what);
            return Words(json.RootElement);
        }
        catch (JsonException)
        {
            return what;
        }
    }

    private static string Words(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object when value.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String => message.GetString()!,
        JsonValueKind.Object => string.Join("; ", value.EnumerateObject()
            .Where(p => p.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) && !(p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() == 0))
            .Select(p => $"{p.Name}: {Words(p.Value)}")),
        JsonValueKind.Array => string.Join(" | ", value.EnumerateArray().Select(Words)),
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "ja",
        JsonValueKind.False => "nee",
        _ => value.GetRawText(),
    };
}
