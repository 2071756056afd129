using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.People;

[Allowed(Policies.CanAdministerSystem)]
public sealed record ListPeople(Actor Actor) : IQuery<IReadOnlyList<PersonView>>, IActorMessage;

public sealed class ListPeopleHandler(LsiDbContext db, TimeProvider clock) : IQueryHandler<ListPeople, IReadOnlyList<PersonView>>
{
    public async ValueTask<IReadOnlyList<PersonView>> Handle(ListPeople query, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.OrganisationCode).ThenBy(u => u.DisplayName).ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .AsNoTracking().ToListAsync(cancellationToken);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        var now = clock.GetUtcNow();
        return [.. users.Select(u => PersonView.Of(u, byUser[u.Id], now))];
    }
}
