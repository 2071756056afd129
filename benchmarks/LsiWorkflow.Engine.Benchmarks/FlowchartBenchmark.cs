using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Expressions;
using LsiWorkflow.Engine.Runtime;

namespace LsiWorkflow.Engine.Benchmarks;

/// <summary>
/// In-memory runner throughput: one burst through a generated 100-activity flowchart of SetVariable and Decision
/// steps. Activities per second = <see cref="ActivityCount"/> / mean time per operation.
/// </summary>
[MemoryDiagnoser]
public class FlowchartBenchmark
{
    /// <summary>Activities executed per burst (Start, 98 generated steps, End).</summary>
    public const int ActivityCount = 100;

    private WorkflowRunner _runner = null!;
    private WorkflowDefinition _definition = null!;

    [GlobalSetup]
    public void Setup()
    {
        _runner = new WorkflowRunner(ActivityRegistry.CreateDefault(), new ExpressionEngine(), TimeProvider.System);
        _definition = GenerateFlowchart(ActivityCount);
    }

    [Benchmark(Description = "100-activity burst", OperationsPerInvoke = 1)]
    public async Task<WorkflowStatus> RunBurst()
    {
        var result = await _runner.StartAsync(_definition, new StartRequest { Input = new JsonObject { ["amount"] = 42 } });
        if (result.Journal.Count != ActivityCount)
        {
            throw new InvalidOperationException($"Expected {ActivityCount} executions, got {result.Journal.Count}.");
        }
        return result.State.Status;
    }

    /// <summary>
    /// Start, then pairs of SetVariable (counter + 1) and Decision (counter is even or odd); both outcomes of each
    /// Decision lead to the next pair so every step runs. Ends with End.
    /// </summary>
    public static WorkflowDefinition GenerateFlowchart(int activityCount)
    {
        var activities = new JsonArray { new JsonObject { ["id"] = "start", ["type"] = "Start" } };
        var connections = new JsonArray();
        var previous = "start";
        var previousOutcomes = new[] { "Done" };
        for (var i = 1; i < activityCount - 1; i++)
        {
            string id;
            string[] outcomes;
            if (i % 2 == 1)
            {
                id = $"set{i}";
                outcomes = ["Done"];
                activities.Add(new JsonObject
                {
                    ["id"] = id,
                    ["type"] = "SetVariable",
                    ["properties"] = new JsonObject { ["variable"] = "counter", ["value"] = new JsonObject { ["expr"] = "counter + input.amount % 7" } },
                });
            }
            else
            {
                id = $"decide{i}";
                outcomes = ["True", "False"];
                activities.Add(new JsonObject
                {
                    ["id"] = id,
                    ["type"] = "Decision",
                    ["properties"] = new JsonObject { ["condition"] = "counter % 2 == 0" },
                });
            }
            foreach (var outcome in previousOutcomes)
            {
                connections.Add(new JsonObject { ["source"] = previous, ["outcome"] = outcome, ["target"] = id });
            }
            previous = id;
            previousOutcomes = outcomes;
        }
        activities.Add(new JsonObject { ["id"] = "end", ["type"] = "End" });
        foreach (var outcome in previousOutcomes)
        {
            connections.Add(new JsonObject { ["source"] = previous, ["outcome"] = outcome, ["target"] = "end" });
        }
        var definition = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["id"] = "benchmark-flowchart",
            ["name"] = "Benchmark",
            ["version"] = 1,
            ["variables"] = new JsonArray { new JsonObject { ["name"] = "counter", ["type"] = "number", ["default"] = 0 } },
            ["activities"] = activities,
            ["connections"] = connections,
        };
        return DefinitionSerializer.Parse(definition.ToJsonString());
    }
}
