using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.Projects;

/// <summary>Needs an adopting steering-group member and a privacy protocol, and no forbidden data sharing.</summary>
[Allowed(Policies.CanManageDomain, System = true)]
public sealed record ApproveProject(Actor Actor, Guid ProjectId, string? Reason) : ICommand<ProjectDetails>, IActorMessage;

public sealed class ApproveProjectHandler(ProjectTransitions transitions) : ICommandHandler<ApproveProject, ProjectDetails>
{
    public ValueTask<ProjectDetails> Handle(ApproveProject command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return transitions.ApplyAsync(command.Actor, command.ProjectId, ProjectTransition.Approve, command.Reason,
            (project, context) => project.Approve(context), cancellationToken);
    }
}
