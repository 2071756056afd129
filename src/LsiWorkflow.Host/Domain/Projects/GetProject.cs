using LsiWorkflow.Host.Persistence;
using Mediator;

namespace LsiWorkflow.Host.Domain.Projects;

public sealed record GetProject(Guid ProjectId) : IQuery<ProjectDetails>;

public sealed class GetProjectHandler(LsiDbContext db, TimeProvider clock) : IQueryHandler<GetProject, ProjectDetails>
{
    public async ValueTask<ProjectDetails> Handle(GetProject query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var project = await ProjectLookup.FindProjectAsync(db, query.ProjectId, cancellationToken);
        var lookup = await ProjectLookup.LoadAsync(db, [project.Id], cancellationToken);
        return lookup.View(project, clock.Today());
    }
}
