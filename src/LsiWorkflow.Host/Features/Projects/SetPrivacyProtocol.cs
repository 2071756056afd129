using LsiWorkflow.Host.Features.Audit;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.Projects;

[Allowed(Policies.CanManageDomain)]
public sealed record SetPrivacyProtocol(Actor Actor, Guid ProjectId, string Reference, string? Reason) : ICommand<ProjectDetails>, IActorMessage;

public sealed class SetPrivacyProtocolHandler(LsiDbContext db, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<SetPrivacyProtocol, ProjectDetails>
{
    public async ValueTask<ProjectDetails> Handle(SetPrivacyProtocol command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrWhiteSpace(command.Reference))
        {
            throw new InvalidRequestException("Geef aan welk privacyprotocol geldt (een verwijzing naar het document).");
        }

        var project = await ProjectLookup.FindProjectAsync(db, command.ProjectId, cancellationToken);
        var lookup = await ProjectLookup.LoadAsync(db, [project.Id], cancellationToken);
        var previous = project.PrivacyProtocolReference;
        if (previous == command.Reference.Trim())
        {
            // The same protocol again (say, a request repeated after its answer was lost): nothing changes, nothing to audit.
            return lookup.View(project, clock.Today());
        }
        project.SetPrivacyProtocol(command.Reference.Trim());
        audit.Record(command.Actor, "PrivacyProtocolSet", project,
            AuditTrail.AsJson(new { previous, reference = project.PrivacyProtocolReference }), command.Reason);
        await db.SaveChangesAsync(cancellationToken);
        return lookup.View(project, clock.Today());
    }
}
