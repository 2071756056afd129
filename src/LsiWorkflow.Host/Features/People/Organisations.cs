using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Audit;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.People;

public sealed record OrganisationView(Guid Id, string Code, string Name, OrganisationKind Kind, DateOnly? LeftOn, int People)
{
    internal object Snapshot() => new { Code, Name, Kind = Kind.ToString(), LeftOn };
}

/// <summary>An open task of an organisation that left, for handing over.</summary>
public sealed record OpenTaskView(Guid Id, string Title, string DefinitionId, string? ClaimedBy, DateTimeOffset? DueAt);

public sealed record LeaveResult(OrganisationView Organisation, IReadOnlyList<OpenTaskView> OpenTasks);

[Allowed(Policies.CanAdministerSystem)]
public sealed record ListOrganisations(Actor Actor) : IQuery<IReadOnlyList<OrganisationView>>, IActorMessage;

/// <summary>A municipality or other participant joins; its code is how people and tasks refer to it.</summary>
[Allowed(Policies.CanAdministerSystem)]
public sealed record AddOrganisation(Actor Actor, string Code, string Name, OrganisationKind Kind) : ICommand<OrganisationView>, IActorMessage;

[Allowed(Policies.CanAdministerSystem)]
public sealed record RenameOrganisation(Actor Actor, Guid OrganisationId, string Name, string? Reason) : ICommand<OrganisationView>, IActorMessage;

/// <summary>
/// Marks an organisation as having left: its history stays, nobody can be invited into it, and its open tasks are
/// listed so the secretariat can hand them over.
/// </summary>
[Allowed(Policies.CanAdministerSystem)]
public sealed record MarkOrganisationLeft(Actor Actor, Guid OrganisationId, DateOnly? LeftOn, string? Reason) : ICommand<LeaveResult>, IActorMessage;

[Allowed(Policies.CanAdministerSystem)]
public sealed record ListOpenTasksOfOrganisation(Actor Actor, Guid OrganisationId) : IQuery<IReadOnlyList<OpenTaskView>>, IActorMessage;

public sealed class ListOrganisationsHandler(LsiDbContext db)
    : IQueryHandler<ListOrganisations, IReadOnlyList<OrganisationView>>
{
    public async ValueTask<IReadOnlyList<OrganisationView>> Handle(ListOrganisations query, CancellationToken cancellationToken)
    {
        var people = await db.Users.AsNoTracking().GroupBy(u => u.OrganisationCode).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var organisations = await db.Set<Organisation>().AsNoTracking().OrderBy(o => o.Name).ToListAsync(cancellationToken);
        return [.. organisations.Select(o => View(o, people.GetValueOrDefault(o.Code)))];
    }

    internal static OrganisationView View(Organisation o, int people) => new(o.Id, o.Code, o.Name, o.Kind, o.LeftOn, people);

    internal static async Task<Organisation> FindAsync(LsiDbContext db, Guid id, CancellationToken ct) =>
        await db.Set<Organisation>().SingleOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException($"Organisatie {id} bestaat niet.");

    internal static Task<List<OpenTaskView>> OpenTasksAsync(LsiDbContext db, string code, CancellationToken ct) =>
        db.Set<TaskRecord>().AsNoTracking()
            .Where(t => t.Status == LsiWorkflow.Runtime.Persistence.TaskStatus.Open && t.Organisation == code)
            .OrderBy(t => t.DueAt).ThenBy(t => t.CreatedAt)
            .Select(t => new OpenTaskView(t.Id, t.Title, t.DefinitionId, t.ClaimedBy, t.DueAt))
            .ToListAsync(ct);
}

public sealed class AddOrganisationHandler(LsiDbContext db, AuditTrail audit) : ICommandHandler<AddOrganisation, OrganisationView>
{
    public async ValueTask<OrganisationView> Handle(AddOrganisation command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var code = (command.Code ?? "").Trim().ToUpperInvariant();
        if (code.Length is 0 or > EntityMapping.CodeLength || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw PeopleAdministration.Invalid("code", $"Een code is 1 tot {EntityMapping.CodeLength} letters, cijfers, - of _ (bijvoorbeeld GEM-UTRECHT).");
        }
        if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Trim().Length > EntityMapping.NameLength)
        {
            throw PeopleAdministration.Invalid("name", $"Geef een naam van hoogstens {EntityMapping.NameLength} tekens.");
        }
        if (await db.Set<Organisation>().AnyAsync(o => o.Code == code, cancellationToken))
        {
            throw new ConflictException("Bestaat al", $"Er is al een organisatie met code {code}.");
        }
        var organisation = new Organisation(code, command.Name.Trim(), command.Kind);
        db.Add(organisation);
        var view = ListOrganisationsHandler.View(organisation, 0);
        audit.Record(command.Actor, "OrganisationAdded", organisation, AuditTrail.AsJson(new { before = (object?)null, after = view.Snapshot() }));
        await db.SaveChangesAsync(cancellationToken);
        return view;
    }
}

public sealed class RenameOrganisationHandler(LsiDbContext db, AuditTrail audit) : ICommandHandler<RenameOrganisation, OrganisationView>
{
    public async ValueTask<OrganisationView> Handle(RenameOrganisation command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Trim().Length > EntityMapping.NameLength)
        {
            throw PeopleAdministration.Invalid("name", $"Geef een naam van hoogstens {EntityMapping.NameLength} tekens.");
        }
        var organisation = await ListOrganisationsHandler.FindAsync(db, command.OrganisationId, cancellationToken);
        var before = ListOrganisationsHandler.View(organisation, 0);
        organisation.Rename(command.Name);
        var after = ListOrganisationsHandler.View(organisation, 0);
        if (after != before)
        {
            audit.Record(command.Actor, "OrganisationRenamed", organisation, AuditTrail.AsJson(new { before = before.Snapshot(), after = after.Snapshot() }), command.Reason);
            await db.SaveChangesAsync(cancellationToken);
        }
        return after;
    }
}

public sealed class MarkOrganisationLeftHandler(LsiDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<MarkOrganisationLeft, LeaveResult>
{
    public async ValueTask<LeaveResult> Handle(MarkOrganisationLeft command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var organisation = await ListOrganisationsHandler.FindAsync(db, command.OrganisationId, cancellationToken);
        var before = ListOrganisationsHandler.View(organisation, 0);
        if (!organisation.HasLeft)
        {
            organisation.Leave(command.LeftOn ?? clock.Today());
            audit.Record(command.Actor, "OrganisationLeft", organisation,
                AuditTrail.AsJson(new { before = before.Snapshot(), after = ListOrganisationsHandler.View(organisation, 0).Snapshot() }), command.Reason);
            await db.SaveChangesAsync(cancellationToken);
        }
        return new LeaveResult(ListOrganisationsHandler.View(organisation, 0), await ListOrganisationsHandler.OpenTasksAsync(db, organisation.Code, cancellationToken));
    }
}

public sealed class ListOpenTasksOfOrganisationHandler(LsiDbContext db) : IQueryHandler<ListOpenTasksOfOrganisation, IReadOnlyList<OpenTaskView>>
{
    public async ValueTask<IReadOnlyList<OpenTaskView>> Handle(ListOpenTasksOfOrganisation query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var organisation = await ListOrganisationsHandler.FindAsync(db, query.OrganisationId, cancellationToken);
        return await ListOrganisationsHandler.OpenTasksAsync(db, organisation.Code, cancellationToken);
    }
}
