using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Projects;

[Allowed(Policies.AnyRole)]
public sealed record ListProjects(Actor Actor, ProjectStatus? Status = null, ProjectKind? Kind = null) : IQuery<IReadOnlyList<ProjectDetails>>, IActorMessage;

public sealed class ListProjectsHandler(LsiDbContext db, TimeProvider clock) : IQueryHandler<ListProjects, IReadOnlyList<ProjectDetails>>
{
    public async ValueTask<IReadOnlyList<ProjectDetails>> Handle(ListProjects query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var projects = db.Set<Project>().AsNoTracking();
        if (query.Status is { } status)
        {
            projects = projects.Where(p => p.Status == status);
        }

        if (query.Kind is { } kind)
        {
            projects = projects.Where(p => p.Kind == kind);
        }

        var list = await projects.OrderBy(p => p.ProposedOn).ThenBy(p => p.Name).ToListAsync(cancellationToken);
        var lookup = await ProjectLookup.LoadAsync(db, [.. list.Select(p => p.Id)], cancellationToken);
        var today = clock.Today();
        return [.. list.Select(p => lookup.View(p, today))];
    }
}
