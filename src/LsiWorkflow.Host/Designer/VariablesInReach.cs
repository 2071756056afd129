using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Engine.Definitions;

namespace LsiWorkflow.Host.Designer;

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
            if (start.Properties?["inputs"] is JsonArray inputs)
            {
                foreach (var input in inputs.OfType<JsonObject>())
                {
                    if (input["name"]?.GetValue<string>() is { Length: > 0 } name)
                    {
                        result.Add(new VariableInReach($"input.{name}", $"invoer ({input["type"]?.GetValue<string>() ?? "string"})"));
                    }
                }
            }
        }
        foreach (var upstream in Upstream(definition, activityId))
        {
            result.Add(new VariableInReach($"activities.{upstream}.outcome", "uitkomst van een eerdere activiteit"));
        }
        return [.. result.DistinctBy(v => v.Name)];
    }

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
