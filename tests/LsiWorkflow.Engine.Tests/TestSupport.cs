using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Expressions;
using LsiWorkflow.Engine.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace LsiWorkflow.Engine.Tests;

/// <summary>A runner on a fake clock plus helpers to write definitions and drive instances in a few lines.</summary>
internal sealed class Engine
{
    public static readonly DateTimeOffset Epoch = new(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public Engine(ActivityRegistry? registry = null, ExpressionEngine? expressions = null, int maxExecutions = 10_000)
    {
        Registry = registry ?? Shared.Registry;
        Expressions = expressions ?? Shared.Expressions;
        Runner = new WorkflowRunner(Registry, Expressions, Clock) { MaxExecutionsPerBurst = maxExecutions };
    }

    public FakeTimeProvider Clock { get; } = new(Epoch);
    public ActivityRegistry Registry { get; }
    public ExpressionEngine Expressions { get; }
    public WorkflowRunner Runner { get; }

    public ValueTask<BurstResult> StartAsync(WorkflowDefinition definition, JsonObject? input = null, string? actor = "tester") =>
        Runner.StartAsync(definition, new StartRequest { Input = input, Actor = actor });

    public ValueTask<BurstResult> ResumeAsync(WorkflowDefinition definition, WorkflowState state, ResumeSignal signal) =>
        Runner.ResumeAsync(definition, state, signal);

    /// <summary>Completes the open task of an organisation (or the only one).</summary>
    public ValueTask<BurstResult> CompleteAsync(WorkflowDefinition definition, BurstResult previous, string outcome, string? organisation = null, string? comment = "ok", JsonObject? form = null)
    {
        var task = Tasks(previous.State).Single(t => organisation is null || t.Data!["organisation"]?.GetValue<string>() == organisation);
        return Runner.ResumeAsync(definition, previous.State, new TaskCompleted(task.Id, task.TaskId!.Value, outcome, "partner@" + (organisation ?? "lsi"), organisation, comment, form));
    }

    public static IReadOnlyList<Bookmark> Tasks(WorkflowState state) => [.. state.Bookmarks.Where(b => b.Kind == BookmarkKind.Task)];

    public static Bookmark Single(WorkflowState state, BookmarkKind kind) => state.Bookmarks.Single(b => b.Kind == kind);
}

internal static class Shared
{
    public static readonly ActivityRegistry Registry = ActivityRegistry.CreateDefault();
    public static readonly ExpressionEngine Expressions = new();
    public static readonly DefinitionValidator Validator = new(Registry, Expressions);
}

/// <summary>Builds small definitions from compact JSON so each test shows its whole flowchart.</summary>
internal static class Flow
{
    /// <summary>
    /// Activities as <c>id:Type</c> with optional properties; connections as "source -> target" or "source.Outcome -> target".
    /// </summary>
    public static WorkflowDefinition Build(object[] activities, string[] connections, string variables = "[]")
    {
        var json = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["id"] = "test",
            ["name"] = "Test",
            ["version"] = 1,
            ["variables"] = JsonNode.Parse(variables),
            ["activities"] = new JsonArray([.. activities.Select(ToActivity)]),
            ["connections"] = new JsonArray([.. connections.Select(ToConnection)]),
        };
        return DefinitionSerializer.Parse(json.ToJsonString());
    }

    public static string Json(object[] activities, string[] connections, string variables = "[]") =>
        DefinitionSerializer.Serialize(Build(activities, connections, variables));

    public static (string Spec, string Properties) A(string spec, string properties) => (spec, properties);

    private static JsonNode ToActivity(object item)
    {
        var (spec, properties) = item switch
        {
            string s => (s, (string?)null),
            ValueTuple<string, string> t => (t.Item1, t.Item2),
            _ => throw new ArgumentException("activity spec"),
        };
        var parts = spec.Split(':');
        var node = new JsonObject { ["id"] = parts[0], ["type"] = parts[1] };
        if (properties is not null)
        {
            node["properties"] = JsonNode.Parse(properties);
        }
        return node;
    }

    private static JsonNode ToConnection(string text)
    {
        var parts = text.Split("->", StringSplitOptions.TrimEntries);
        var source = parts[0].Split('.', 2);
        var node = new JsonObject { ["source"] = source[0] };
        if (source.Length > 1)
        {
            node["outcome"] = source[1];
        }
        node["target"] = parts[1];
        return node;
    }
}

internal static class Samples
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Definitions", name));

    public static IEnumerable<string> Names => Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Definitions"), "*.json").Select(Path.GetFileName)!;

    public static WorkflowDefinition Load(string name) => DefinitionSerializer.Parse(Read(name));
}
