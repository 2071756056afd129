using LsiWorkflow.Host.Features.Audit;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.Projects;

/// <summary>A steering-group member adopts a project; the member is the one of the actor's own organisation.</summary>
[Allowed(Policies.CanTakeSteeringDecisions)]
public sealed record AdoptProject(Actor Actor, Guid ProjectId, string? Reason) : ICommand<ProjectDetails>, IActorMessage;

public sealed class AdoptProjectHandler(LsiDbContext db, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<AdoptProject, ProjectDetails>
{
    public async ValueTask<ProjectDetails> Handle(AdoptProject command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var project = await ProjectLookup.FindProjectAsync(db, command.ProjectId, cancellationToken);
        var lookup = await ProjectLookup.LoadAsync(db, [project.Id], cancellationToken);
        var organisation = command.Actor.Organisation is { } code ? lookup.Organisation(code) : null;
        if (organisation is null || lookup.MemberFor(organisation.Id) is not { } member)
        {
            throw new ForbiddenException("Uw organisatie heeft geen lid in de Stuurgroep, dus u kunt geen project adopteren.");
        }

        if (project.AdoptedByMemberId == member.Id)
        {
            // Adopted by this member already (say, a request repeated after its answer was lost): nothing changes, nothing to audit.
            return lookup.View(project, clock.Today());
        }
        project.AdoptBy(member);
        audit.Record(command.Actor, "ProjectAdopted", project, $"Geadopteerd door {member.PersonName} ({organisation.Code})", command.Reason);
        await db.SaveChangesAsync(cancellationToken);
        return lookup.View(project, clock.Today());
    }
}
