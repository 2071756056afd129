using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.Projects;

/// <summary>A rejection always carries its reason: it is stored on the project and in the audit trail.</summary>
[Allowed(Policies.CanManageDomain, System = true)]
public sealed record RejectProject(Actor Actor, Guid ProjectId, string Reason) : ICommand<ProjectDetails>, IActorMessage;

public sealed class RejectProjectHandler(ProjectTransitions transitions) : ICommandHandler<RejectProject, ProjectDetails>
{
    public ValueTask<ProjectDetails> Handle(RejectProject command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            throw new InvalidRequestException("Een afwijzing heeft een reden nodig.");
        }

        return transitions.ApplyAsync(command.Actor, command.ProjectId, ProjectTransition.Reject, command.Reason,
            (project, context) => project.Reject(context.Today, command.Reason.Trim()), cancellationToken);
    }
}
