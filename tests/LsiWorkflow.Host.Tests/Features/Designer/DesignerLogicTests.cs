using System.Xml.Linq;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Host.Features.Designer;
using LsiWorkflow.Runtime;
namespace LsiWorkflow.Host.Tests.Features.Designer;

/// <summary>The designer's logic without a browser: copy and paste, comparing versions, names in reach, SVG.</summary>
public sealed class DesignerLogicTests
{
    private static readonly EngineServices Engine = new(TimeProvider.System, [typeof(Program).Assembly]);

    private static WorkflowDefinition ProjectApproval() => DefinitionSerializer.Parse(File.ReadAllText(
        Path.Combine(DefinitionCanvasTests.RepositoryRoot(), "tests", "LsiWorkflow.Engine.Tests", "Definitions", "project-approval.json")));

    [Fact]
    public void Pasting_copies_the_chosen_activities_with_new_ids_and_only_the_connections_between_them()
    {
        var canvas = DefinitionCanvasTests.NewCanvas();
        var start = canvas.AddActivity(Engine.Registry.Find("Start")!);
        var task = canvas.AddActivity(Engine.Registry.Find("HumanTask")!);
        task.Properties!["title"] = "Beoordelen";
        var end = canvas.AddActivity(Engine.Registry.Find("End")!);
        canvas.Connect(start, "Done", task);
        canvas.Connect(task, "Gereed", end);

        var copied = canvas.Copy([task, end])!;
        var pasted = canvas.Paste(copied, offset: 40);

        Assert.Equal(["humanTask2", "end2"], pasted.Select(n => n.ActivityId));
        Assert.Equal(task.Position.X + 40, pasted[0].Position.X);
        Assert.Equal("Beoordelen", pasted[0].Properties!["title"]!.GetValue<string>());
        task.Properties["title"] = "Gewijzigd";
        Assert.Equal("Beoordelen", pasted[0].Properties!["title"]!.GetValue<string>()); // a copy, not the same object
        var definition = canvas.ToDefinition();
        Assert.Equal(5, definition.Activities.Count);
        Assert.Contains(definition.Connections, c => c is { Source: "humanTask2", Outcome: "Gereed", Target: "end2" });
        Assert.DoesNotContain(definition.Connections, c => c.Target == "humanTask2"); // the start's connection stays behind
        Assert.Equal(3, definition.Connections.Count);
        Assert.Null(canvas.Copy([]));
    }

    [Fact]
    public void Comparing_two_versions_names_what_was_added_removed_and_changed()
    {
        var before = ProjectApproval();
        var approve = before.Activities.First(a => a.Id == "approve");
        var changedApprove = approve with { Properties = approve.Properties!.DeepClone().AsObject() };
        changedApprove.Properties!["title"] = "Nieuwe titel";
        var after = before with
        {
            Name = "Nieuwe naam",
            Activities = [.. before.Activities.Where(a => a.Id != "notify").Select(a => a.Id == "approve" ? changedApprove : a),
                new ActivityDefinition { Id = "extra", Type = "End" }],
            Connections = [.. before.Connections.Where(c => c.Target != "notify" && c.Source != "notify"),
                new ConnectionDefinition { Source = "approve", Outcome = "Aanpassen", Target = "extra" }],
            Variables = [new VariableDefinition { Name = "teller", Type = VariableTypes.Number }],
        };

        var changes = DefinitionComparison.Compare(before, after);

        Assert.Contains(new DefinitionChange(ChangeKind.Changed, DefinitionComparison.Workflow, "naam", $"{before.Name} → Nieuwe naam"), changes);
        Assert.Contains(new DefinitionChange(ChangeKind.Removed, DefinitionComparison.Activity, "notify"), changes);
        Assert.Contains(new DefinitionChange(ChangeKind.Added, DefinitionComparison.Activity, "extra"), changes);
        Assert.Contains(new DefinitionChange(ChangeKind.Changed, DefinitionComparison.Activity, "approve", "eigenschappen title"), changes);
        Assert.Contains(new DefinitionChange(ChangeKind.Added, DefinitionComparison.Connection, "approve –Aanpassen→ extra"), changes);
        Assert.Contains(changes, c => c is { Kind: ChangeKind.Removed, Subject: DefinitionComparison.Connection } && c.Key.EndsWith("→ notify", StringComparison.Ordinal));
        Assert.Contains(new DefinitionChange(ChangeKind.Added, DefinitionComparison.Variable, "teller"), changes);
        Assert.Empty(DefinitionComparison.Compare(before, ProjectApproval()));
    }

    [Fact]
    public void An_expression_may_use_the_variables_the_start_inputs_and_the_outcomes_of_activities_before_it_only()
    {
        var definition = DefinitionSerializer.Parse("""
            { "schemaVersion": 1, "id": "t", "name": "T", "version": 1,
              "variables": [ { "name": "teller", "type": "number" } ],
              "activities": [
                { "id": "start", "type": "Start", "properties": { "inputs": [ { "name": "projectId", "type": "string" } ] } },
                { "id": "review", "type": "HumanTask" }, { "id": "decide", "type": "Decision" },
                { "id": "later", "type": "End" }, { "id": "elsewhere", "type": "End" } ],
              "connections": [ { "source": "start", "target": "review" }, { "source": "review", "outcome": "Gereed", "target": "decide" },
                               { "source": "decide", "outcome": "True", "target": "later" } ] }
            """);

        var names = VariablesInReach.For(definition, "decide", Engine.Registry.Find).Select(v => v.Name).ToList();

        Assert.Equal(["teller", "input.projectId", "activities.review.outcome", "activities.start.outcome"], names);
        Assert.DoesNotContain(VariablesInReach.For(definition, "review", Engine.Registry.Find), v => v.Name.Contains("decide", StringComparison.Ordinal));
    }

    [Fact]
    public void The_svg_export_draws_every_activity_and_connection_of_the_canvas()
    {
        var canvas = DefinitionCanvasTests.NewCanvas();
        canvas.Load(ProjectApproval());

        var svg = XDocument.Parse(DiagramSvg.Render(canvas));

        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        var drawn = svg.Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "activity").Select(g => (string)g.Attribute("data-activity-id")!);
        Assert.Equal(canvas.Activities.Select(a => a.ActivityId), drawn);
        Assert.Equal(canvas.Connections.Count(), svg.Descendants(ns + "g").Count(g => (string?)g.Attribute("class") == "connection"));
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == canvas.Find("approve")!.Label);
    }
}
