using LsiWorkflow.Domain;
using LsiWorkflow.Domain.Gates;
using LsiWorkflow.Host.Features.Audit;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Projects;

/// <summary>A partner in a proposal: its organisation code and whether it shares data in the project.</summary>
public sealed record ProjectParticipantInput(string Organisation, bool SharesData);

/// <summary>
/// Proposes a project with everything the partners and the steering group decide on: participants, data sharing,
/// privacy protocol, description and planned start. All of it is stored at once, or nothing (a refused participant
/// refuses the proposal).
/// </summary>
[Allowed(Policies.CanManageDomain)]
public sealed record ProposeProject(
    Actor Actor,
    string Name,
    ProjectKind Kind,
    string? Municipality,
    Guid? MultiYearPlanId,
    string? Reason,
    string? Description = null,
    DateOnly? PlannedStartOn = null,
    IReadOnlyList<ProjectParticipantInput>? Participants = null,
    string? PrivacyProtocolReference = null)
    : ICommand<ProjectDetails>, IActorMessage;

public sealed class ProposeProjectHandler(LsiDbContext db, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<ProposeProject, ProjectDetails>
{
    public async ValueTask<ProjectDetails> Handle(ProposeProject command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.MultiYearPlanId is { } planId && !await db.Set<MultiYearPlan>().AnyAsync(p => p.Id == planId, cancellationToken))
        {
            throw new InvalidRequestException($"Meerjarenplan {planId} bestaat niet.");
        }

        var lookup = await ProjectLookup.LoadAsync(db, [], cancellationToken);
        var today = clock.Today();
        var project = NewProject.Build(lookup, command.Name, command.Kind, command.Municipality, today, command.MultiYearPlanId,
            command.Description, command.PlannedStartOn, command.Participants, command.PrivacyProtocolReference);
        db.Add(project);
        audit.Record(command.Actor, "ProjectProposed", project, NewProject.Summary(project, lookup), command.Reason);
        await db.SaveChangesAsync(cancellationToken);
        return lookup.View(project, today);
    }
}

/// <summary>What proposing and registering a running project share: checking the input and building the project.</summary>
internal static class NewProject
{
    public static Project Build(
        ProjectLookup lookup,
        string name,
        ProjectKind kind,
        string? municipalityCode,
        DateOnly today,
        Guid? multiYearPlanId,
        string? description,
        DateOnly? plannedStartOn,
        IReadOnlyList<ProjectParticipantInput>? participants,
        string? privacyProtocolReference)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidRequestException("Een project heeft een naam nodig.")
            {
                Errors = new Dictionary<string, string[]> { ["name"] = ["Een project heeft een naam nodig."] },
            };
        }

        Organisation? municipality = null;
        if (!string.IsNullOrWhiteSpace(municipalityCode))
        {
            municipality = lookup.Organisation(municipalityCode)
                ?? throw new InvalidRequestException($"Organisatie '{municipalityCode}' bestaat niet.");
            if (municipality.Kind != OrganisationKind.Municipality)
            {
                throw new InvalidRequestException($"{municipality.Name} is geen gemeente.");
            }
        }

        var project = new Project(name.Trim(), kind, today, municipality, multiYearPlanId);
        try
        {
            project.Describe(description, plannedStartOn);
        }
        catch (ArgumentException invalid)
        {
            throw new InvalidRequestException(invalid.Message);
        }

        var refusals = new List<GateResult>();
        foreach (var input in participants ?? [])
        {
            var organisation = lookup.Organisation(input.Organisation)
                ?? throw new InvalidRequestException($"Organisatie '{input.Organisation}' bestaat niet.");
            refusals.Add(project.AddParticipant(organisation, input.SharesData));
        }

        var refused = GateResult.Combine(refusals);
        if (!refused.Passed)
        {
            throw DomainRules.Refusal(refused, "Deelname geweigerd");
        }

        if (!string.IsNullOrWhiteSpace(privacyProtocolReference))
        {
            project.SetPrivacyProtocol(privacyProtocolReference.Trim());
        }

        return project;
    }

    public static string Summary(Project project, ProjectLookup lookup) => AuditTrail.AsJson(new
    {
        project.Name,
        kind = project.Kind.ToString(),
        municipality = project.MunicipalityId is { } id ? lookup.Organisation(id)?.Code : null,
        project.MultiYearPlanId,
        project.Description,
        project.PlannedStartOn,
        participants = project.Participants.Select(p => new { organisation = lookup.Organisation(p.OrganisationId)?.Code, p.SharesData }),
        privacyProtocol = project.PrivacyProtocolReference,
    });
}
