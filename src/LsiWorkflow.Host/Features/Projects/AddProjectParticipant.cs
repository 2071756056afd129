using LsiWorkflow.Host.Features.Audit;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.Projects;

[Allowed(Policies.CanManageDomain)]
public sealed record AddProjectParticipant(Actor Actor, Guid ProjectId, string Organisation, bool SharesData, string? Reason)
    : ICommand<ProjectDetails>, IActorMessage;

public sealed class AddProjectParticipantHandler(LsiDbContext db, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<AddProjectParticipant, ProjectDetails>
{
    public async ValueTask<ProjectDetails> Handle(AddProjectParticipant command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var project = await ProjectLookup.FindProjectAsync(db, command.ProjectId, cancellationToken);
        var lookup = await ProjectLookup.LoadAsync(db, [project.Id], cancellationToken);
        var organisation = lookup.Organisation(command.Organisation)
            ?? throw new InvalidRequestException($"Organisatie '{command.Organisation}' bestaat niet.");

        var result = project.AddParticipant(organisation, command.SharesData);
        if (!result.Passed)
        {
            audit.Record(command.Actor, "GateBlocked", project,
                AuditTrail.AsJson(new { participant = organisation.Code, command.SharesData, reasons = result.Reasons }), command.Reason);
            await db.SaveChangesAsync(cancellationToken);
            throw DomainRules.Refusal(result, "Deelname geweigerd");
        }

        audit.Record(command.Actor, "ProjectParticipantAdded", project,
            $"{organisation.Code} neemt deel{(command.SharesData ? " en deelt gegevens" : " zonder gegevens te delen")}", command.Reason);
        await db.SaveChangesAsync(cancellationToken);
        return lookup.View(project, clock.Today());
    }
}
