using System.Xml.Linq;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Interchange;
using static LsiWorkflow.Engine.Interchange.BpmnVocabulary;

namespace LsiWorkflow.Engine.Tests.Interchange;

public sealed class BpmnExportTests
{
    public static TheoryData<string> Workflows => [.. Repository.WorkflowNames];

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Shipped_workflow_exports_as_schema_valid_bpmn(string name)
    {
        var xml = BpmnExporter.Export(Repository.LoadWorkflow(name));

        Assert.Empty(BpmnSchema.Errors(xml));
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Shipped_workflow_comes_back_unchanged_from_its_bpmn(string name)
    {
        var original = Repository.LoadWorkflow(name);

        var result = BpmnImporter.Import(BpmnExporter.Export(original));

        Assert.Empty(result.Issues);
        Assert.Equal(DefinitionSerializer.Serialize(original), DefinitionSerializer.Serialize(result.Definition));
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Every_activity_and_connection_has_a_shape_or_an_edge(string name)
    {
        var definition = Repository.LoadWorkflow(name);

        var document = BpmnExporter.ToXml(definition);

        var process = document.Root!.Element(Bpmn + "process")!;
        var nodes = process.Elements().Where(e => e.Element(Bpmn + "extensionElements")?.Element(Lsi + "activity") is not null).ToList();
        var flows = process.Elements(Bpmn + "sequenceFlow").ToList();
        Assert.Equal(definition.Activities.Count, nodes.Count);
        Assert.Equal(definition.Connections.Count, flows.Count);
        var drawn = document.Descendants(BpmnDi + "BPMNPlane").Elements().Select(e => (string)e.Attribute("bpmnElement")!).ToHashSet();
        Assert.All(nodes.Concat(flows), e => Assert.Contains((string)e.Attribute("id")!, drawn));
        Assert.All(document.Descendants(BpmnDi + "BPMNEdge"), e => Assert.True(e.Elements(Di + "waypoint").Count() >= 2));
    }

    [Fact]
    public void Activities_map_to_the_bpmn_elements_their_kind_calls_for()
    {
        var document = BpmnExporter.ToXml(Repository.LoadWorkflow("covenant-evaluation.json"));
        var process = document.Root!.Element(Bpmn + "process")!;

        var start = process.Element(Bpmn + "startEvent")!;
        Assert.Equal("R/2017-07-01T00:00:00/P5Y", start.Element(Bpmn + "timerEventDefinition")!.Element(Bpmn + "timeCycle")!.Value);
        Assert.NotNull(process.Element(Bpmn + "endEvent")!.Element(Bpmn + "terminateEventDefinition"));
        Assert.NotEmpty(process.Elements(Bpmn + "userTask"));
        Assert.NotEmpty(process.Elements(Bpmn + "exclusiveGateway"));
        Assert.NotEmpty(process.Elements(Bpmn + "callActivity"));
        // The flows of a decision carry its condition; the False flow is the gateway's default.
        var gateway = process.Elements(Bpmn + "exclusiveGateway").First();
        var leaving = process.Elements(Bpmn + "sequenceFlow").Where(f => (string?)f.Attribute("sourceRef") == (string?)gateway.Attribute("id")).ToList();
        Assert.Contains(leaving, f => f.Element(Bpmn + "conditionExpression") is not null);
        Assert.Contains(leaving, f => (string?)f.Attribute("id") == (string?)gateway.Attribute("default"));
    }

    [Fact]
    public void A_task_outcome_becomes_a_conditional_flow_and_the_assignee_camunda_attributes()
    {
        var document = BpmnExporter.ToXml(Repository.LoadWorkflow("project-approval.json"));
        var process = document.Root!.Element(Bpmn + "process")!;

        var intake = process.Elements(Bpmn + "userTask").Single(t => (string?)t.Attribute("id") == "intake");
        var partners = process.Elements(Bpmn + "userTask").Single(t => (string?)t.Attribute("id") == "partners");
        var flow = process.Elements(Bpmn + "sequenceFlow").Single(f => (string?)f.Attribute("sourceRef") == "intake" && (string?)f.Attribute("name") == "Afwijzen");

        Assert.Equal("outcome == \"Afwijzen\"", flow.Element(Bpmn + "conditionExpression")!.Value);
        Assert.Equal("Secretary", intake.Element(Bpmn + "potentialOwner")!.Value);
        Assert.Equal("${activities.gate_approve.project.participants}", (string?)partners.Attribute(Camunda + "candidateGroups"));
        Assert.NotNull(partners.Element(Bpmn + "multiInstanceLoopCharacteristics"));
        Assert.NotNull(process.Element(Bpmn + "intermediateCatchEvent")!.Element(Bpmn + "messageEventDefinition"));
        Assert.Equal("DpiaCompleted", (string?)document.Root!.Element(Bpmn + "message")!.Attribute("name"));
    }

    [Fact]
    public void Every_activity_type_survives_the_round_trip()
    {
        var original = AllKinds(withPositions: true);

        var xml = BpmnExporter.Export(original);
        var result = BpmnImporter.Import(xml);

        Assert.Empty(BpmnSchema.Errors(xml));
        Assert.Empty(result.Issues);
        Assert.Equal(DefinitionSerializer.Serialize(original), DefinitionSerializer.Serialize(result.Definition));
    }

    [Fact]
    public void Without_stored_positions_the_layered_layout_places_the_shapes()
    {
        var original = AllKinds(withPositions: false);

        var xml = BpmnExporter.Export(original);
        var imported = BpmnImporter.Import(xml).Definition;

        Assert.Empty(BpmnSchema.Errors(xml));
        var expected = LayeredLayout.Arrange(original, BpmnShapes.SlotSize, BpmnShapes.FlowLabelSize);
        Assert.All(imported.Activities, a => Assert.Equal(new Position(Math.Round(expected.Nodes[a.Id].X), Math.Round(expected.Nodes[a.Id].Y)), a.Position));
        // Apart from the positions it is the same definition.
        var stripped = imported with { Activities = [.. imported.Activities.Select(a => a with { Position = null })] };
        Assert.Equal(DefinitionSerializer.Serialize(original), DefinitionSerializer.Serialize(stripped));
        var shapes = XDocument.Parse(xml).Descendants(BpmnDi + "BPMNShape").Select(Bounds).ToList();
        for (var i = 0; i < shapes.Count; i++)
        {
            for (var j = i + 1; j < shapes.Count; j++)
            {
                Assert.False(shapes[i].Intersects(shapes[j]), $"shapes {i} and {j} overlap");
            }
        }
    }

    [Fact]
    public void Ids_that_are_no_xml_names_are_replaced_in_the_file_and_restored_on_import()
    {
        var built = Flow.Build(
            ["1 start:Start", ("task/1:HumanTask", """{ "title": "Kijken", "assignee": { "role": "Secretary" }, "outcomes": ["Klaar"] }"""), "Flow_1:End"],
            ["1 start -> task/1", "task/1.Klaar -> Flow_1"]);
        var original = built with { Activities = [.. built.Activities.Select((a, i) => a with { Position = new Position(i * 150, 0) })] };

        var xml = BpmnExporter.Export(original);
        var result = BpmnImporter.Import(xml);

        Assert.Empty(BpmnSchema.Errors(xml));
        Assert.Equal(DefinitionSerializer.Serialize(original), DefinitionSerializer.Serialize(result.Definition));
    }

    [Fact]
    public void A_name_changed_in_another_tool_becomes_the_display_name()
    {
        var original = Repository.LoadWorkflow("commitment-tracking.json");
        var document = BpmnExporter.ToXml(original);
        var end = document.Root!.Element(Bpmn + "process")!.Element(Bpmn + "endEvent")!;
        end.SetAttributeValue("name", "Klaar");

        var imported = BpmnImporter.Import(document).Definition;

        Assert.Equal("Klaar", imported.Activities.Single(a => a.Type == "End").DisplayName);
    }

    private static LayoutRect Bounds(XElement shape)
    {
        var b = shape.Element(Dc + "Bounds")!;
        return new LayoutRect((double)b.Attribute("x")!, (double)b.Attribute("y")!, (double)b.Attribute("width")!, (double)b.Attribute("height")!);
    }

    /// <summary>One activity of every built-in type, with loops, a fork and join and every kind of timer.</summary>
    internal static WorkflowDefinition AllKinds(bool withPositions)
    {
        var definition = Flow.Build(
            [
                ("start:Start", """{ "inputs": [ { "name": "projectId", "type": "string", "required": true } ] }"""),
                ("monthly:TimerStart", """{ "cron": "0 9 1 * *" }"""),
                ("task:HumanTask", """{ "title": "Beoordelen", "assignee": { "organisations": ["UWV", "SVB"], "role": "Partner" }, "completion": "atLeast", "atLeastCount": 2, "outcomes": ["Akkoord", "Aanpassen", "Afwijzen"], "dueDate": "2025-06-01", "reminders": ["P3D"] }"""),
                ("decide:Decision", """{ "condition": "variables.bedrag > 1000" }"""),
                ("route:Switch", """{ "cases": [ { "name": "Groot", "condition": "variables.bedrag > 10000" }, { "name": "Middel", "condition": "variables.bedrag > 5000" } ] }"""),
                ("fork:Fork", """{ "branches": ["Publiceren", "Melden"] }"""),
                ("publish:SetVariable", """{ "variable": "bedrag", "value": { "expr": "variables.bedrag * 2" } }"""),
                ("notify:SendNotification", """{ "roles": ["Secretary"], "subject": "Klaar", "body": "Het is klaar." }"""),
                ("join:Join", """{ "mode": "all" }"""),
                ("first:Join", """{ "mode": "any" }"""),
                ("wait:Delay", """{ "duration": "P14D" }"""),
                ("until:Delay", """{ "until": "2026-01-01T09:00:00+01:00" }"""),
                ("event:WaitForEvent", """{ "eventName": "DpiaCompleted", "correlationKey": "input.projectId" }"""),
                ("child:StartWorkflow", """{ "workflowId": "dpia-adoption", "waitForCompletion": true }"""),
                ("milestone:Milestone", """{ "name": "Rapport klaar", "plannedDate": "2025-07-01" }"""),
                ("gate:Gate", """{ "projectId": { "expr": "input.projectId" }, "transition": "Start" }"""),
                "end:End",
            ],
            [
                "start -> task", "monthly -> task",
                "task.Akkoord -> decide", "task.Aanpassen -> task", "task.Afwijzen -> end",
                "decide.True -> route", "decide.False -> fork",
                "route.Groot -> gate", "route.Middel -> milestone", "route.Default -> first",
                "fork.Publiceren -> publish", "fork.Melden -> notify", "publish -> join", "notify -> join", "join -> wait",
                "wait -> first", "first -> until", "until -> event", "event -> child", "child -> milestone", "milestone -> end",
                "gate.Pass -> end", "gate.Blocked -> task",
            ],
            """[ { "name": "bedrag", "type": "number", "default": 0 } ]""");
        if (!withPositions)
        {
            return definition with { Description = "Alle soorten activiteiten" };
        }
        return definition with
        {
            Description = "Alle soorten activiteiten",
            Activities = [.. definition.Activities.Select((a, i) => a with { Position = new Position(i % 5 * 180.5, i / 5 * 140 + 0.25), DisplayName = i % 3 == 0 ? $"Stap {i}" : null })],
        };
    }
}
