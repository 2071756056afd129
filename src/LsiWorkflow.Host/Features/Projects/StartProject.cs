using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.Projects;

/// <summary>The DPIA gates guard this step: a started project is never stopped by them afterwards.</summary>
[Allowed(Policies.CanManageDomain, System = true)]
public sealed record StartProject(Actor Actor, Guid ProjectId, string? Reason) : ICommand<ProjectDetails>, IActorMessage;

public sealed class StartProjectHandler(ProjectTransitions transitions) : ICommandHandler<StartProject, ProjectDetails>
{
    public ValueTask<ProjectDetails> Handle(StartProject command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return transitions.ApplyAsync(command.Actor, command.ProjectId, ProjectTransition.Start, command.Reason,
            (project, context) => project.Start(context), cancellationToken);
    }
}
