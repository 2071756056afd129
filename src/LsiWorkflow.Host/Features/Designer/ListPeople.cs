using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Designer;

public sealed record PersonChoice(string UserName, string DisplayName, string Organisation);

/// <summary>The people a task can be assigned to by name, for the designer's assignment picker.</summary>
[Allowed(Policies.CanDesignWorkflows)]
public sealed record ListPeople(Actor Actor) : IQuery<IReadOnlyList<PersonChoice>>, IActorMessage;

public sealed class ListPeopleHandler(UserManager<LsiUser> users) : IQueryHandler<ListPeople, IReadOnlyList<PersonChoice>>
{
    public async ValueTask<IReadOnlyList<PersonChoice>> Handle(ListPeople query, CancellationToken cancellationToken)
    {
        var people = await users.Users.AsNoTracking()
            .Select(u => new PersonChoice(u.UserName!, u.DisplayName, u.OrganisationCode))
            .ToListAsync(cancellationToken);
        return [.. people.OrderBy(p => p.DisplayName, StringComparer.CurrentCulture)];
    }
}
