using System.Text.Json.Nodes;
using LsiWorkflow.Domain;
using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Host.Shared.Workflows;

namespace LsiWorkflow.Host.Features.Projects;

/// <summary>
/// Approves, starts, rejects or closes a project through the same use cases as the API, so the gates hold and the
/// audit trail records it. A project already in the target status is left alone (a retried step changes nothing);
/// a refusal by the gates becomes an incident with every reason.
/// </summary>
[Activity("ProjectTransition", Category = "LSI", DisplayName = "Projectstap", Description = "Keurt een project goed, start, wijst af of sluit het af, met reden in de audittrail.")]
[Outcomes("Done")]
public sealed class ProjectTransitionActivity : DomainActivity
{
    /// <summary>The project, usually an expression such as input.projectId.</summary>
    [ActivityProperty(Kind = PropertyKind.Text, Required = true, DisplayName = "Project", Description = "Id van het project, bijvoorbeeld de expressie input.projectId.")]
    public string? ProjectId { get; set; }

    /// <summary>The step to take.</summary>
    [ActivityProperty(Kind = PropertyKind.Choice, Required = true, Choices = ["Approve", "Start", "Reject", "Close"], SupportsExpression = false, DisplayName = "Stap")]
    public string? Transition { get; set; }

    /// <summary>Why, for the audit trail; required for a rejection.</summary>
    [ActivityProperty(Kind = PropertyKind.Template, DisplayName = "Reden", Description = "Komt als 'waarom' in de audittrail; verplicht bij afwijzen.")]
    public string? Reason { get; set; }

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var projectId = RequireId(ProjectId, "projectId");
        var transition = Enum.Parse<ProjectTransition>(Transition ?? "");
        var actor = ActorOf(context);
        var target = transition switch
        {
            ProjectTransition.Approve => ProjectStatus.Approved,
            ProjectTransition.Start => ProjectStatus.Started,
            ProjectTransition.Reject => ProjectStatus.Rejected,
            _ => ProjectStatus.Closed,
        };

        var project = await SendAsync(context, async sender =>
        {
            var current = await sender.Send(new GetProject(actor, projectId), context.CancellationToken);
            if (current.Status == target)
            {
                return current;
            }
            return transition switch
            {
                ProjectTransition.Approve => await sender.Send(new ApproveProject(actor, projectId, Reason), context.CancellationToken),
                ProjectTransition.Start => await sender.Send(new StartProject(actor, projectId, Reason), context.CancellationToken),
                ProjectTransition.Reject => await sender.Send(new RejectProject(actor, projectId, Reason ?? ""), context.CancellationToken),
                _ => await sender.Send(new CloseProject(actor, projectId, Reason), context.CancellationToken),
            };
        });
        context.Output = new JsonObject { ["projectId"] = project.Id, ["status"] = project.Status.ToString() };
        context.JournalMessage = $"Project {project.Name} is {Dutch.Of(transition)}.";
        return ActivityResult.Done;
    }
}
