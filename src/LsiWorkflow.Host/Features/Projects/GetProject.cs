using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.Projects;

[Allowed(Policies.AnyRole, System = true)]
public sealed record GetProject(Actor Actor, Guid ProjectId) : IQuery<ProjectDetails>, IActorMessage;

public sealed class GetProjectHandler(LsiDbContext db, TimeProvider clock) : IQueryHandler<GetProject, ProjectDetails>
{
    public async ValueTask<ProjectDetails> Handle(GetProject query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (project, lookup) = await ProjectLookup.ForProjectAsync(db, query.ProjectId, cancellationToken);
        return lookup.View(project, clock.Today());
    }
}
