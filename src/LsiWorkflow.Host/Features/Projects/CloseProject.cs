using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.Projects;

/// <summary>Only a started project closes; closing is never held back by the DPIA gates.</summary>
[Allowed(Policies.CanManageDomain, System = true)]
public sealed record CloseProject(Actor Actor, Guid ProjectId, string? Reason) : ICommand<ProjectDetails>, IActorMessage;

public sealed class CloseProjectHandler(ProjectTransitions transitions) : ICommandHandler<CloseProject, ProjectDetails>
{
    public ValueTask<ProjectDetails> Handle(CloseProject command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return transitions.ApplyAsync(command.Actor, command.ProjectId, ProjectTransition.Close, command.Reason,
            (project, context) => project.Close(context.Today), cancellationToken);
    }
}
