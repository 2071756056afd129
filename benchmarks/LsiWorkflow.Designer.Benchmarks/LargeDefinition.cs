using System.Text.Json.Nodes;

namespace LsiWorkflow.Designer.Benchmarks;

/// <summary>
/// A definition of the size the designer must handle: a start, human tasks with two outcomes, decisions and
/// variable steps in a chain, an end, laid out in rows of ten as a secretary would place them.
/// </summary>
internal static class LargeDefinition
{
    public const string Id = "benchmark-designer";

    public static (string Json, int Activities, int Connections) Generate(int activityCount)
    {
        var activities = new JsonArray();
        var connections = new JsonArray();
        var previous = (Id: "", Outcomes: Array.Empty<string>());
        for (var i = 0; i < activityCount; i++)
        {
            var (id, type, properties, outcomes) = i switch
            {
                0 => ("start", "Start", null, new[] { "Done" }),
                _ when i == activityCount - 1 => ("end", "End", null, []),
                _ when i % 3 == 1 => ($"task{i}", "HumanTask", new JsonObject
                {
                    ["title"] = $"Beoordeling {i}",
                    ["assignee"] = new JsonObject { ["organisations"] = new JsonArray("UWV") },
                    ["outcomes"] = new JsonArray("Goedkeuren", "Afwijzen"),
                }, ["Goedkeuren", "Afwijzen"]),
                _ when i % 3 == 2 => ($"decide{i}", "Decision", new JsonObject { ["condition"] = $"counter > {i}" }, ["True", "False"]),
                _ => ($"set{i}", "SetVariable", new JsonObject { ["variable"] = "counter", ["value"] = new JsonObject { ["expr"] = "counter + 1" } }, new[] { "Done" }),
            };
            var activity = new JsonObject
            {
                ["id"] = id,
                ["type"] = type,
                ["position"] = new JsonObject { ["x"] = i % 10 * 260, ["y"] = i / 10 * 180 },
            };
            if (properties is not null)
            {
                activity["properties"] = properties;
            }
            activities.Add(activity);
            foreach (var outcome in previous.Outcomes)
            {
                connections.Add(new JsonObject { ["source"] = previous.Id, ["outcome"] = outcome, ["target"] = id });
            }
            previous = (id, outcomes);
        }
        var definition = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["id"] = Id,
            ["name"] = $"Designer-benchmark ({activityCount} activiteiten)",
            ["version"] = 1,
            ["variables"] = new JsonArray { new JsonObject { ["name"] = "counter", ["type"] = "number", ["default"] = 0 } },
            ["activities"] = activities,
            ["connections"] = connections,
        };
        return (definition.ToJsonString(), activities.Count, connections.Count);
    }
}
