using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Instances;

/// <summary>A published workflow that people start by hand, with the inputs its Start asks for.</summary>
public sealed record StartableWorkflow(string DefinitionId, string Name, int Version, IReadOnlyList<StartInput> Inputs);

/// <summary>The latest published version of each workflow with a Start activity, by name.</summary>
[Allowed(Policies.CanManageInstances)]
public sealed record ListStartableWorkflows(Actor Actor) : IQuery<IReadOnlyList<StartableWorkflow>>, IActorMessage;

public sealed class ListStartableWorkflowsHandler(LsiDbContext db) : IQueryHandler<ListStartableWorkflows, IReadOnlyList<StartableWorkflow>>
{
    public async ValueTask<IReadOnlyList<StartableWorkflow>> Handle(ListStartableWorkflows query, CancellationToken cancellationToken)
    {
        var published = await db.Set<DefinitionRecord>().AsNoTracking()
            .Where(d => d.Status == DefinitionStatus.Published)
            .ToListAsync(cancellationToken);
        return [.. published.GroupBy(d => d.DefinitionId)
            .Select(g => g.OrderByDescending(d => d.Version).First())
            .Select(d => (Record: d, Start: StartOf(d.Json)))
            .Where(x => x.Start is not null)
            .Select(x => new StartableWorkflow(x.Record.DefinitionId, x.Record.Name, x.Record.Version, x.Start!))
            .OrderBy(w => w.Name, StringComparer.CurrentCulture)];
    }

    /// <summary>The inputs of the definition's Start activity; null when it has none (it starts on a timer or an event).</summary>
    private static List<StartInput>? StartOf(string json)
    {
        var activities = JsonNode.Parse(json)?["activities"] as JsonArray ?? [];
        var start = activities.OfType<JsonObject>().FirstOrDefault(a => a["type"]?.GetValue<string>() == "Start");
        if (start is null)
        {
            return null;
        }

        return [.. (start["properties"]?["inputs"] as JsonArray ?? []).OfType<JsonObject>().Select(i => new StartInput(
            i["name"]?.GetValue<string>() ?? "",
            i["type"]?.GetValue<string>() ?? VariableTypes.String,
            i["required"]?.GetValue<bool>() ?? false)).Where(i => i.Name.Length > 0)];
    }
}
