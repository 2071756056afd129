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
        foreach (var upstream in DefinitionGraph.For(definition).Upstream(activityId))
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
}
