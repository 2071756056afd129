using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Audit;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.Projects;

/// <summary>
/// Brings a project that was already running into the register, with the day it started. It keeps running as the
/// letter says; the domain refuses a start date in the future, or an area-based start that the moratorium forbade.
/// </summary>
[Allowed(Policies.CanManageDomain)]
public sealed record RegisterRunningProject(
    Actor Actor,
    string Name,
    ProjectKind Kind,
    string? Municipality,
    DateOnly StartedOn,
    string? Description,
    IReadOnlyList<ProjectParticipantInput>? Participants,
    string? PrivacyProtocolReference,
    string? Reason)
    : ICommand<ProjectDetails>, IActorMessage;

public sealed class RegisterRunningProjectHandler(LsiDbContext db, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<RegisterRunningProject, ProjectDetails>
{
    public async ValueTask<ProjectDetails> Handle(RegisterRunningProject command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var lookup = await ProjectLookup.LoadAsync(db, [], cancellationToken);
        var today = clock.Today();
        var project = NewProject.Build(lookup, command.Name, command.Kind, command.Municipality, today, null,
            command.Description, null, command.Participants, command.PrivacyProtocolReference);
        var result = project.RecordEarlierStart(command.StartedOn, lookup.GateContext(project, today));
        if (!result.Passed)
        {
            // Nothing is stored for a refused registration: there is no project yet to hang a refusal on.
            throw DomainRules.Refusal(result, "Registratie als lopend project geweigerd");
        }

        db.Add(project);
        audit.Record(command.Actor, "ProjectRegisteredAsRunning", project,
            $"Lopend project geregistreerd, gestart op {command.StartedOn:yyyy-MM-dd}: {NewProject.Summary(project, lookup)}", command.Reason);
        await db.SaveChangesAsync(cancellationToken);
        return lookup.View(project, today);
    }
}
