using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Interchange;

namespace LsiWorkflow.Engine.Tests.Interchange;

public sealed class BpmnImportTests
{
    private static BpmnImportResult CamundaFile() =>
        BpmnImporter.Import(File.ReadAllText(Path.Combine(Repository.InterchangeFolder, "camunda-modeler-review.bpmn")));

    [Fact]
    public void A_camunda_modeler_file_lists_every_element_it_cannot_take_over()
    {
        var result = CamundaFile();

        var issues = result.Issues.Select(i => (i.ElementId, i.Element, i.Reason)).ToList();
        Assert.Equal(
            [
                ("DataInputAssociation_1", "bpmn:dataInputAssociation", BpmnImportReasons.UnsupportedElement),
                ("Event_Herinnering", "bpmn:boundaryEvent", BpmnImportReasons.BoundaryEvent),
                ("Activity_Publiceren", "bpmn:serviceTask", BpmnImportReasons.UnsupportedTask),
                ("Gateway_Wie", "bpmn:inclusiveGateway", BpmnImportReasons.UnsupportedGateway),
                ("DataObjectReference_Voorstel", "bpmn:dataObjectReference", BpmnImportReasons.UnsupportedElement),
                ("DataObject_0v", "bpmn:dataObject", BpmnImportReasons.UnsupportedElement),
                ("TextAnnotation_1", "bpmn:textAnnotation", BpmnImportReasons.UnsupportedElement),
                ("Association_1", "bpmn:association", BpmnImportReasons.UnsupportedElement),
                ("Flow_0r", "bpmn:sequenceFlow", BpmnImportReasons.FlowNotConnected),
                ("Flow_Ja", "bpmn:sequenceFlow", BpmnImportReasons.ConditionNeedsReview),
                ("Flow_F1", "bpmn:sequenceFlow", BpmnImportReasons.FlowNotConnected),
                ("Flow_P", "bpmn:sequenceFlow", BpmnImportReasons.FlowNotConnected),
                ("Flow_A", "bpmn:sequenceFlow", BpmnImportReasons.FlowNotConnected),
                ("Flow_I1", "bpmn:sequenceFlow", BpmnImportReasons.FlowNotConnected),
                ("Flow_I2", "bpmn:sequenceFlow", BpmnImportReasons.FlowNotConnected),
            ],
            issues);
        var reminder = result.Issues.Single(i => i.ElementId == "Event_Herinnering");
        Assert.StartsWith("Grensgebeurtenis 'Herinnering' (bpmn:boundaryEvent) is niet overgenomen", reminder.Dutch, StringComparison.Ordinal);
        Assert.StartsWith("Boundary event 'Herinnering' (bpmn:boundaryEvent) was not taken over", reminder.English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_camunda_modeler_file_maps_events_tasks_gateways_and_flows()
    {
        var definition = CamundaFile().Definition;

        Assert.Equal("Process_Review", definition.Id);
        Assert.Equal("Beoordeling voorstel", definition.Name);
        Assert.Equal(
            [
                ("StartEvent_1", "Start"), ("Activity_Beoordelen", "HumanTask"), ("Activity_Herinner", "SendNotification"),
                ("Gateway_Besluit", "Switch"), ("Gateway_Fork", "Fork"), ("Event_Wacht", "Delay"), ("Gateway_Join", "Join"),
                ("Activity_Dpia", "StartWorkflow"), ("Activity_Afwijzen", "HumanTask"), ("Activity_Melden", "HumanTask"), ("Event_Einde", "End"),
            ],
            definition.Activities.Select(a => (a.Id, a.Type)));
        // The gateway that only merged is gone; what led to it leads to the end.
        Assert.Equal(
            [
                "StartEvent_1 - Activity_Beoordelen", "Activity_Beoordelen Gereed Gateway_Besluit", "Activity_Herinner - Event_Einde",
                "Gateway_Besluit Ja Gateway_Fork", "Gateway_Besluit Default Activity_Afwijzen", "Gateway_Fork Tak 1 Event_Wacht",
                "Event_Wacht - Gateway_Join", "Gateway_Join - Activity_Dpia", "Activity_Dpia - Event_Einde", "Activity_Melden Gereed Event_Einde",
            ],
            definition.Connections.Select(c => $"{c.Source} {c.Outcome ?? "-"} {c.Target}"));

        var review = definition.FindActivity("Activity_Beoordelen")!;
        Assert.Equal("Voorstel beoordelen", review.Properties!["title"]!.GetValue<string>());
        Assert.Equal("secretaris", review.Properties["assignee"]!["user"]!.GetValue<string>());
        Assert.Equal(["UWV", "SVB"], review.Properties["assignee"]!["organisations"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal("2025-03-01", review.Properties["dueDate"]!.GetValue<string>());
        Assert.Equal("""[{"name":"Ja","condition":"approved"}]""", definition.FindActivity("Gateway_Besluit")!.Properties!["cases"]!.ToJsonString());
        Assert.Equal("P14D", definition.FindActivity("Event_Wacht")!.Properties!["duration"]!.GetValue<string>());
        Assert.Equal("dpia-adoption", definition.FindActivity("Activity_Dpia")!.Properties!["workflowId"]!.GetValue<string>());
        // Positions: the middle of each shape less half a slot.
        Assert.Equal(new Position(270, 137), review.Position);
        Assert.Equal(new Position(179 + 18 - 50, 159 + 18 - 40), definition.FindActivity("StartEvent_1")!.Position);
    }

    [Fact]
    public void The_imported_draft_uses_only_known_activity_types_and_declared_outcomes()
    {
        var definition = CamundaFile().Definition;

        var problems = Shared.Validator.Validate(definition).Problems;

        Assert.DoesNotContain(problems, p => p.Code is ValidationCodes.UnknownActivityType or ValidationCodes.UnknownOutcome
            or ValidationCodes.MissingConnectionSource or ValidationCodes.MissingConnectionTarget or ValidationCodes.UnknownProperty);
    }

    [Fact]
    public void Camunda_timer_starts_and_quartz_cron_become_timer_starts()
    {
        var xml = """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="x">
              <bpmn:process id="p" name="Tijd">
                <bpmn:startEvent id="cycle"><bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R/2017-07-01T00:00:00Z/P5Y</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
                <bpmn:startEvent id="cron"><bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">0 0 9 1 * ?</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
                <bpmn:startEvent id="once"><bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">2026-01-05T09:00:00+01:00</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:startEvent>
                <bpmn:startEvent id="message"><bpmn:messageEventDefinition /></bpmn:startEvent>
              </bpmn:process>
            </bpmn:definitions>
            """;

        var result = BpmnImporter.Import(xml);

        Assert.Equal("""{"every":"P5Y","from":"2017-07-01"}""", result.Definition.FindActivity("cycle")!.Properties!.ToJsonString());
        Assert.Equal("""{"cron":"0 9 1 * *"}""", result.Definition.FindActivity("cron")!.Properties!.ToJsonString());
        Assert.Equal("2026-01-05T09:00:00+01:00", result.Definition.FindActivity("once")!.Properties!["at"]!.GetValue<string>());
        Assert.Null(result.Definition.FindActivity("message"));
        Assert.Equal(BpmnImportReasons.UnsupportedEvent, Assert.Single(result.Issues).Reason);
        Assert.True(Shared.Validator.Validate(result.Definition with { Activities = [.. result.Definition.Activities.Where(a => a.Id != "cycle")] })
            .Problems.All(p => p.Code != ValidationCodes.InvalidCron));
    }

    [Theory]
    [InlineData("not xml at all")]
    [InlineData("<definitions xmlns='urn:other'/>")]
    [InlineData("<?xml version='1.0'?><!DOCTYPE d [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><bpmn:definitions xmlns:bpmn='http://www.omg.org/spec/BPMN/20100524/MODEL'>&e;</bpmn:definitions>")]
    [InlineData("<bpmn:definitions xmlns:bpmn='http://www.omg.org/spec/BPMN/20100524/MODEL'/>")]
    public void Anything_but_bpmn_is_refused_with_a_format_error(string xml)
    {
        Assert.Throws<BpmnFormatException>(() => BpmnImporter.Import(xml));
    }

    [Fact]
    public void Our_extension_wins_over_the_bpmn_element_kind()
    {
        var original = Repository.LoadWorkflow("dpia-adoption.json");
        var xml = BpmnExporter.Export(original).Replace("bpmn:serviceTask", "bpmn:task", StringComparison.Ordinal);

        var result = BpmnImporter.Import(xml);

        Assert.Empty(result.Issues);
        Assert.Equal(original.Activities.Select(a => a.Type), result.Definition.Activities.Select(a => a.Type));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse(DefinitionSerializer.Serialize(original)),
            JsonNode.Parse(DefinitionSerializer.Serialize(result.Definition))));
    }
}
