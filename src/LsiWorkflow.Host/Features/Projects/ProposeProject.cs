using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Audit;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Projects;

[Allowed(Policies.CanManageDomain)]
public sealed record ProposeProject(Actor Actor, string Name, ProjectKind Kind, string? Municipality, Guid? MultiYearPlanId, string? Reason)
    : ICommand<ProjectDetails>, IActorMessage;

public sealed class ProposeProjectHandler(LsiDbContext db, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<ProposeProject, ProjectDetails>
{
    public async ValueTask<ProjectDetails> Handle(ProposeProject command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrWhiteSpace(command.Name))
        {
            throw new InvalidRequestException("Een project heeft een naam nodig.");
        }

        var lookup = await ProjectLookup.LoadAsync(db, [], cancellationToken);
        Organisation? municipality = null;
        if (!string.IsNullOrWhiteSpace(command.Municipality))
        {
            municipality = lookup.Organisation(command.Municipality)
                ?? throw new InvalidRequestException($"Organisatie '{command.Municipality}' bestaat niet.");
            if (municipality.Kind != OrganisationKind.Municipality)
            {
                throw new InvalidRequestException($"{municipality.Name} is geen gemeente.");
            }
        }

        if (command.MultiYearPlanId is { } planId && !await db.Set<MultiYearPlan>().AnyAsync(p => p.Id == planId, cancellationToken))
        {
            throw new InvalidRequestException($"Meerjarenplan {planId} bestaat niet.");
        }

        var today = clock.Today();
        var project = new Project(command.Name.Trim(), command.Kind, today, municipality, command.MultiYearPlanId);
        db.Add(project);
        audit.Record(command.Actor, "ProjectProposed", project,
            AuditTrail.AsJson(new { project.Name, kind = project.Kind.ToString(), municipality = municipality?.Code, project.MultiYearPlanId }),
            command.Reason);
        await db.SaveChangesAsync(cancellationToken);
        return lookup.View(project, today);
    }
}
