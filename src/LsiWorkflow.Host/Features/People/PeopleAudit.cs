using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Api;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.People;

public sealed record AdministrationLine(DateTimeOffset At, string Actor, string Action, string Subject, Guid SubjectId, string What, string? Why);

/// <summary>The audit lines of administration (people and organisations), newest first.</summary>
[Allowed(Policies.CanAdministerSystem)]
public sealed record ListAdministrationAudit(Actor Actor) : IQuery<IReadOnlyList<AdministrationLine>>, IActorMessage;

/// <summary>The same lines as CSV for spreadsheets (see <see cref="Csv"/>), oldest first.</summary>
[Allowed(Policies.CanAdministerSystem)]
public sealed record ExportAdministrationAudit(Actor Actor) : IQuery<byte[]>, IActorMessage;

public sealed class AdministrationAuditHandler(LsiDbContext db)
    : IQueryHandler<ListAdministrationAudit, IReadOnlyList<AdministrationLine>>
{
    public static readonly string[] Subjects = [PeopleAdministration.SubjectType, nameof(Organisation)];

    public async ValueTask<IReadOnlyList<AdministrationLine>> Handle(ListAdministrationAudit query, CancellationToken cancellationToken) =>
        await LinesAsync(db, cancellationToken);

    internal static async Task<List<AdministrationLine>> LinesAsync(LsiDbContext db, CancellationToken cancellationToken) =>
        await db.Set<AuditEntry>().AsNoTracking()
            .Where(a => Subjects.Contains(a.SubjectType))
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Select(a => new AdministrationLine(a.At, a.ActorUserName, a.Action, a.SubjectType, a.SubjectId, a.What, a.Why))
            .ToListAsync(cancellationToken);
}

public sealed class ExportAdministrationAuditHandler(LsiDbContext db) : IQueryHandler<ExportAdministrationAudit, byte[]>
{
    private static readonly string[] Header = ["tijdstip (UTC)", "gebruiker", "actie", "onderwerp", "onderwerp_id", "wat", "waarom"];

    public async ValueTask<byte[]> Handle(ExportAdministrationAudit query, CancellationToken cancellationToken) =>
        Csv.Write(Header, Enumerable.Reverse(await AdministrationAuditHandler.LinesAsync(db, cancellationToken))
            .Select(l => (IReadOnlyList<object?>)[l.At, l.Actor, l.Action, l.Subject, l.SubjectId.ToString(), l.What, l.Why]));
}
