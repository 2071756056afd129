using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TaskStatus = LsiWorkflow.Runtime.Persistence.TaskStatus;

namespace LsiWorkflow.Host.Features.Tasks;

public sealed record AbsenceView(string UserName, string SubstituteUserName, DateTimeOffset StartedAt, int TasksMoved);

/// <summary>
/// A person is away: the open tasks assigned to or claimed by them go to a substitute of the same
/// organisation, each with a journal line in its instance. The person or a secretary records it.
/// </summary>
[Allowed(Policies.CanCompleteTasksOfOwnOrganisation)]
public sealed record StartAbsence(string UserName, string SubstituteUserName, Actor Actor) : ICommand<AbsenceView>, IActorMessage;

public sealed class StartAbsenceHandler(LsiDbContext db, UserManager<LsiUser> users, TimeProvider time) : ICommandHandler<StartAbsence, AbsenceView>
{
    public async ValueTask<AbsenceView> Handle(StartAbsence command, CancellationToken cancellationToken)
    {
        if (command.UserName != command.Actor.UserName && !command.Actor.IsInRole(Roles.Secretary))
        {
            throw new ForbiddenException("U kunt alleen uw eigen afwezigheid doorgeven.");
        }
        var away = await users.FindByNameAsync(command.UserName) ?? throw new NotFoundException($"Gebruiker '{command.UserName}' bestaat niet.");
        var substitute = await users.FindByNameAsync(command.SubstituteUserName)
            ?? throw new InvalidRequestException($"Gebruiker '{command.SubstituteUserName}' bestaat niet.");
        if (substitute.Id == away.Id)
        {
            throw new InvalidRequestException("Kies een ander als vervanger.");
        }
        if (substitute.OrganisationCode != away.OrganisationCode)
        {
            throw new InvalidRequestException($"{substitute.DisplayName} hoort niet bij {away.OrganisationCode}; een vervanger komt uit de eigen organisatie.");
        }
        if (await db.Set<Absence>().AnyAsync(a => a.UserName == away.UserName && a.EndedAt == null, cancellationToken))
        {
            throw new ConflictException("Al afwezig", $"{away.DisplayName} is al afwezig gemeld; beëindig die afwezigheid eerst.");
        }
        var now = time.GetUtcNow();
        var actor = command.Actor;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var absence = new Absence
        {
            Id = Guid.NewGuid(),
            UserName = away.UserName!,
            SubstituteUserName = substitute.UserName!,
            StartedAt = now,
            RecordedBy = actor.UserName,
        };
        db.Add(absence);
        var tasks = await db.Set<TaskRecord>()
            .Where(t => t.Status == TaskStatus.Open && (t.AssigneeUser == away.UserName || t.ClaimedBy == away.UserName))
            .ToListAsync(cancellationToken);
        foreach (var task in tasks)
        {
            if (task.AssigneeUser == away.UserName)
            {
                task.AssigneeUser = substitute.UserName;
            }
            if (task.ClaimedBy == away.UserName)
            {
                task.ClaimedBy = substitute.UserName;
            }
            TaskJournal.Add(db, task, actor, now, $"Taak '{task.Title}' naar vervanger {substitute.UserName}: {away.UserName} is afwezig.");
        }
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new AbsenceView(absence.UserName, absence.SubstituteUserName, now, tasks.Count);
    }
}

/// <summary>The person is back; tasks stay with the substitute, who can hand them back.</summary>
[Allowed(Policies.CanCompleteTasksOfOwnOrganisation)]
public sealed record EndAbsence(string UserName, Actor Actor) : ICommand, IActorMessage;

public sealed class EndAbsenceHandler(LsiDbContext db, TimeProvider time) : ICommandHandler<EndAbsence>
{
    public async ValueTask<Unit> Handle(EndAbsence command, CancellationToken cancellationToken)
    {
        if (command.UserName != command.Actor.UserName && !command.Actor.IsInRole(Roles.Secretary))
        {
            throw new ForbiddenException("U kunt alleen uw eigen afwezigheid beëindigen.");
        }
        var absence = await db.Set<Absence>().SingleOrDefaultAsync(a => a.UserName == command.UserName && a.EndedAt == null, cancellationToken)
            ?? throw new NotFoundException($"{command.UserName} is niet afwezig gemeld.");
        absence.EndedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>The current absence of a person, if any.</summary>
[Allowed(Policies.CanCompleteTasksOfOwnOrganisation)]
public sealed record GetAbsence(Actor Actor, string UserName) : IQuery<AbsenceView?>, IActorMessage;

public sealed class GetAbsenceHandler(LsiDbContext db) : IQueryHandler<GetAbsence, AbsenceView?>
{
    public async ValueTask<AbsenceView?> Handle(GetAbsence query, CancellationToken cancellationToken) =>
        await db.Set<Absence>().AsNoTracking().Where(a => a.UserName == query.UserName && a.EndedAt == null)
            .Select(a => new AbsenceView(a.UserName, a.SubstituteUserName, a.StartedAt, 0))
            .SingleOrDefaultAsync(cancellationToken);
}
