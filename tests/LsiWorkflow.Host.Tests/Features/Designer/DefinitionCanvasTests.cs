using System.Text.Json.Nodes;
using Blazor.Diagrams;
using Blazor.Diagrams.Options;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Host.Features.Designer;
using LsiWorkflow.Runtime;
namespace LsiWorkflow.Host.Tests.Features.Designer;

public sealed class DefinitionCanvasTests
{
    private static readonly EngineServices Engine = new(TimeProvider.System, [typeof(Program).Assembly]);

    public static TheoryData<string> Definitions()
    {
        var root = RepositoryRoot();
        var files = Directory.GetFiles(Path.Combine(root, "workflows"), "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal))
            .Concat(Directory.GetFiles(Path.Combine(root, "tests", "LsiWorkflow.Engine.Tests", "Definitions"), "*.json"));
        var data = new TheoryData<string>();
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public void Every_shipped_definition_survives_the_canvas_unchanged(string file)
    {
        var json = File.ReadAllText(Path.Combine(RepositoryRoot(), file));
        var canvas = NewCanvas();

        canvas.Load(DefinitionSerializer.Parse(json));
        var back = canvas.ToJson();

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(back)), $"{file} changed on the canvas:\n{back}");
    }

    [Fact]
    public void Activities_get_one_port_per_outcome_fixed_or_from_their_property()
    {
        var canvas = NewCanvas();
        canvas.Load(DefinitionSerializer.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "LsiWorkflow.Engine.Tests", "Definitions", "project-approval.json"))));

        Assert.Equal(["Goedkeuren", "Afwijzen", "Aanpassen"], canvas.Find("approve")!.OutcomePorts.Select(p => p.Outcome));
        Assert.Equal(["True", "False"], canvas.Find("decide")!.OutcomePorts.Select(p => p.Outcome));
        Assert.Empty(canvas.Find("end")!.OutcomePorts);
    }

    [Fact]
    public void Changing_the_outcomes_property_changes_the_ports_but_keeps_a_used_outcome_until_its_connection_goes()
    {
        var canvas = NewCanvas();
        var start = canvas.AddActivity(Engine.Registry.Find("Start")!);
        var task = canvas.AddActivity(Engine.Registry.Find("HumanTask")!);
        var end = canvas.AddActivity(Engine.Registry.Find("End")!);
        canvas.Connect(start, "Done", task);
        canvas.Connect(task, "Gereed", end);

        task.Properties!["outcomes"] = new JsonArray("Goedkeuren", "Afwijzen");
        canvas.SyncOutcomes(task);

        Assert.Equal(["Goedkeuren", "Afwijzen", "Gereed"], task.OutcomePorts.Select(p => p.Outcome));
        Assert.True(task.FindOutcome("Gereed")!.Undeclared);
        var problems = Engine.Validator.Validate(canvas.ToJson()).Problems;
        Assert.Contains(problems, p => p.Code == ValidationCodes.UnknownOutcome && p.ActivityId == task.ActivityId);

        canvas.Disconnect(task, "Gereed");
        canvas.Connect(task, "Goedkeuren", end);
        canvas.SyncOutcomes(task);
        Assert.Equal(["Goedkeuren", "Afwijzen"], task.OutcomePorts.Select(p => p.Outcome));
        var definition = canvas.ToDefinition();
        Assert.Contains(definition.Connections, c => c is { Source: "humanTask1", Outcome: "Goedkeuren", Target: "end1" });
        Assert.Contains(definition.Connections, c => c is { Source: "start1", Outcome: "Done", Target: "humanTask1" });
    }

    [Fact]
    public void Tidy_layout_stores_a_position_for_every_activity_in_columns_from_the_start()
    {
        var canvas = NewCanvas();
        canvas.Load(DefinitionSerializer.Parse("""
            { "schemaVersion": 1, "id": "t", "name": "T", "version": 1,
              "activities": [ { "id": "end", "type": "End" }, { "id": "start", "type": "Start" } ],
              "connections": [ { "source": "start", "target": "end" } ] }
            """));
        Assert.All(canvas.ToDefinition().Activities, a => Assert.Null(a.Position));

        canvas.Tidy();

        var activities = canvas.ToDefinition().Activities;
        Assert.True(activities.Single(a => a.Id == "start").Position!.X < activities.Single(a => a.Id == "end").Position!.X);
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public void Tidy_lays_every_shipped_definition_out_left_to_right_without_overlapping_boxes(string file)
    {
        var canvas = NewCanvas();
        canvas.Load(DefinitionSerializer.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), file))));

        canvas.Tidy();

        var boxes = canvas.Activities.Select(a => (a.ActivityId, Box: a.GetBounds()!)).ToList();
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                Assert.False(boxes[i].Box.Intersects(boxes[j].Box), $"{boxes[i].ActivityId} overlaps {boxes[j].ActivityId} in {file}");
            }
        }
        var definition = canvas.ToDefinition();
        var x = definition.Activities.ToDictionary(a => a.Id, a => a.Position!.X);
        var starts = definition.Activities.Where(a => a.Type is "Start" or "TimerStart").Select(a => a.Id).ToList();
        Assert.All(starts, s => Assert.Equal(x.Values.Min(), x[s]));
    }

    internal static DefinitionCanvas NewCanvas() => new(Engine.Registry.Descriptors, new BlazorDiagram(new BlazorDiagramOptions()));

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LsiWorkflow.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (with LsiWorkflow.sln) was not found.");
    }
}
