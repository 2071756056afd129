using System.Text.Json.Nodes;
using LsiWorkflow.Domain;
using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Host.Features.Dpias;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Host.Shared.Workflows;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Projects;

/// <summary>
/// Asks the domain's project gates, as the API's transitions do, whether a project may take a step now.
/// Its output (<c>activities.&lt;id&gt;</c>) holds <c>passed</c>, every <c>reasons</c> item (gate and Dutch message),
/// the project as the API shows it, and <c>dpiaEventKey</c>: the DpiaCompleted correlation key that can lift a
/// DPIA refusal, for a WaitForEvent on the Blocked path.
/// </summary>
[Activity("Gate", Category = "LSI", DisplayName = "Poortregels", Description = "Toetst de poortregels van een project (goedkeuren of starten): Pass, of Blocked met alle redenen.")]
[Outcomes("Pass", "Blocked")]
public sealed class GateActivity : DomainActivity
{
    /// <summary>The project, usually an expression such as input.projectId.</summary>
    [ActivityProperty(Kind = PropertyKind.Text, Required = true, DisplayName = "Project", Description = "Id van het project, bijvoorbeeld de expressie input.projectId.")]
    public string? ProjectId { get; set; }

    /// <summary>The step whose gates are checked.</summary>
    [ActivityProperty(Kind = PropertyKind.Choice, Required = true, Choices = ["Approve", "Start"], SupportsExpression = false, DisplayName = "Overgang", Description = "Approve: goedkeuren; Start: starten.")]
    public string? Transition { get; set; }

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var projectId = RequireId(ProjectId, "projectId");
        var transition = Enum.Parse<ProjectTransition>(Transition ?? nameof(ProjectTransition.Start));
        var services = Services(context);
        var today = services.GetRequiredService<TimeProvider>().Today();
        await using var db = await services.GetRequiredService<IDbContextFactory<LsiDbContext>>().CreateDbContextAsync(context.CancellationToken);
        var (project, result) = await ProjectLookup.CheckAsync(db, projectId, transition, today, context.CancellationToken);

        context.Output = new JsonObject
        {
            ["passed"] = result.Passed,
            ["transition"] = transition.ToString(),
            ["reasons"] = new JsonArray([.. result.Reasons.Select(r => new JsonObject { ["gate"] = r.Gate, ["message"] = r.Message })]),
            ["dpiaEventKey"] = DpiaCompleted.KeyAwaitedBy(result, projectId),
            ["project"] = new JsonObject
            {
                ["id"] = project.Id,
                ["name"] = project.Name,
                ["kind"] = project.Kind.ToString(),
                ["status"] = project.Status.ToString(),
                ["participants"] = new JsonArray([.. project.Participants.Select(p => JsonValue.Create(p.Organisation))]),
            },
        };
        context.JournalMessage = result.Passed
            ? $"Poortregels voldaan: {project.Name} kan worden {Dutch.Of(transition)}."
            : $"Geblokkeerd: {project.Name} kan niet worden {Dutch.Of(transition)}. {string.Join(" ", result.Reasons.Select(r => r.Message))}";
        return ActivityResult.Complete(result.Passed ? "Pass" : "Blocked");
    }
}
