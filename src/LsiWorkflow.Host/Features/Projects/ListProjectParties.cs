using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Projects;

public sealed record PartyOption(string Code, string Name, OrganisationKind Kind);

/// <summary>The organisations a project form offers: municipalities for the municipality, every party as participant, by name.</summary>
[Allowed(Policies.AnyRole)]
public sealed record ListProjectParties(Actor Actor) : IQuery<IReadOnlyList<PartyOption>>, IActorMessage;

public sealed class ListProjectPartiesHandler(LsiDbContext db) : IQueryHandler<ListProjectParties, IReadOnlyList<PartyOption>>
{
    public async ValueTask<IReadOnlyList<PartyOption>> Handle(ListProjectParties query, CancellationToken cancellationToken)
    {
        var organisations = await db.Set<Organisation>().AsNoTracking().ToListAsync(cancellationToken);
        return [.. organisations.OrderBy(o => o.Name, StringComparer.CurrentCulture).Select(o => new PartyOption(o.Code, o.Name, o.Kind))];
    }
}
