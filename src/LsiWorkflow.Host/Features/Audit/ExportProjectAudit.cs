using System.Globalization;
using System.Text;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Audit;

/// <summary>The audit trail of one project as CSV (RFC 4180, UTF-8), for a reviewer checking the safeguards case by case.</summary>
[Allowed(Policies.AnyRole)]
public sealed record ExportProjectAudit(Actor Actor, Guid ProjectId) : IQuery<string>, IActorMessage;

public sealed class ExportProjectAuditHandler(LsiDbContext db) : IQueryHandler<ExportProjectAudit, string>
{
    private static readonly string[] Header = ["tijdstip", "gebruiker", "organisatie", "actie", "onderwerp", "onderwerp_id", "wat", "waarom"];

    public async ValueTask<string> Handle(ExportProjectAudit query, CancellationToken cancellationToken)
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

        var csv = new StringBuilder();
        AppendLine(csv, Header);
        foreach (var e in entries)
        {
            AppendLine(csv,
            [
                e.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
                e.ActorUserName, e.ActorOrganisation, e.Action, e.SubjectType, e.SubjectId.ToString(), e.What, e.Why,
            ]);
        }

        return csv.ToString();
    }

    private static void AppendLine(StringBuilder csv, IEnumerable<string?> fields)
    {
        csv.AppendJoin(',', fields.Select(Escape)).Append("\r\n");
    }

    /// <summary>Quotes a field when it holds a separator, a quote or a line break, doubling its quotes (RFC 4180).</summary>
    internal static string Escape(string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return "";
        }

        return field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }
}
