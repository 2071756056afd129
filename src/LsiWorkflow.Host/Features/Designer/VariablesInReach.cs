using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Engine.Definitions;

namespace LsiWorkflow.Host.Features.Designer;

/// <summary>A name an expression may use at an activity, and where it comes from.</summary>
public sealed record VariableInReach(string Name, string Source);

/// <summary>
/// What an expression at one activity can read: the workflow's variables, the start's inputs, and what the
/// activities before it (those with a path to it) have recorded — their outcome.
/// </summary>
public static class VariablesInReach
{
    public static IReadOnlyList<VariableInReach> For(WorkflowDefinition definition, string activityId, Func<string, ActivityDescriptor?> describe)
    {
        var result = new List<VariableInReach>();
        result.AddRange(definition.Variables.Select(v => new VariableInReach(v.Name, $"variabele ({v.Type})")));
        foreach (var start in definition.Activities.Where(a => describe(a.Type)?.IsStart == true))
        {
            result.AddRange(InputsOf(start.Properties).Select(i => new VariableInReach($"input.{i.Name}", $"invoer ({i.Type})")));
        }
        foreach (var upstream in Upstream(definition, activityId))
        {
            result.Add(new VariableInReach($"activities.{upstream}.outcome", "uitkomst van een eerdere activiteit"));
        }
        return [.. result.DistinctBy(v => v.Name)];
    }

    /// <summary>The inputs a start activity declares in its <c>inputs</c> property, with their types.</summary>
    public static IEnumerable<(string Name, string Type)> InputsOf(JsonObject? startProperties) =>
        (startProperties?["inputs"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(i => (Name: i["name"] is JsonValue n && n.TryGetValue(out string? name) ? name : "",
                          Type: i["type"] is JsonValue t && t.TryGetValue(out string? type) ? type : VariableTypes.String))
            .Where(i => i.Name.Length > 0);

    /// <summary>Every activity with a path to the given one, nearest first; the activity itself only on a loop.</summary>
    public static IReadOnlyList<string> Upstream(WorkflowDefinition definition, string activityId)
    {
        var incoming = definition.Connections.ToLookup(c => c.Target, c => c.Source, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<string>();
        var queue = new Queue<string>([activityId]);
        while (queue.TryDequeue(out var id))
        {
            foreach (var source in incoming[id])
            {
                if (seen.Add(source))
                {
                    order.Add(source);
                    queue.Enqueue(source);
                }
            }
        }
        return order;
    }
}
