using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Engine.Definitions;
using static LsiWorkflow.Engine.Interchange.BpmnVocabulary;

namespace LsiWorkflow.Engine.Interchange;

/// <summary>How a definition is exported as BPMN.</summary>
public sealed record BpmnExportOptions
{
    /// <summary>
    /// Activity types whose display names label activities that have no display name of their own; the engine's
    /// built-in types when null. Pass the host's registry to name its activities too.
    /// </summary>
    public ActivityRegistry? Registry { get; init; }

    /// <summary>Spacing of the layered layout used for activities without a stored position.</summary>
    public LayoutOptions? Layout { get; init; }
}

/// <summary>
/// Writes a workflow definition as BPMN 2.0 XML with diagram interchange, for Camunda Modeler, bpmn.io and other
/// BPMN tools. Every activity becomes one flow node and every connection one sequence flow; the activity's type and
/// all its properties go along in <c>extensionElements</c> (namespace <see cref="BpmnVocabulary.Lsi"/>), so that
/// <see cref="BpmnImporter"/> gives the same definition back.
/// </summary>
/// <remarks>
/// Start: start event; TimerStart: timer start event (cron or <c>R/from/every</c> as time cycle, <c>at</c> as time
/// date); End: terminate end event; HumanTask: user task (assignee, candidate groups and due date as Camunda
/// attributes, the role as potential owner, several organisations as parallel multi-instance); Decision and Switch:
/// exclusive gateway with the conditions on its flows and the False or Default flow as its default; Fork and Join:
/// parallel gateway (a Join that waits for any branch: complex gateway); Delay: timer catch event; WaitForEvent:
/// message catch event; StartWorkflow: call activity; Milestone: intermediate throw event; SetVariable: script task;
/// SendNotification: send task; every other type: service task. A flow that follows an outcome other than Done carries
/// the condition <c>outcome == "..."</c>.
/// </remarks>
public static class BpmnExporter
{
    private static readonly ActivityRegistry BuiltIns = ActivityRegistry.CreateDefault();

    /// <summary>The definition as BPMN 2.0 XML text (UTF-8 declaration, indented).</summary>
    public static string Export(WorkflowDefinition definition, BpmnExportOptions? options = null)
    {
        var document = ToXml(definition, options);
        return document.Declaration + Environment.NewLine + document.Root;
    }

    /// <summary>The definition as a BPMN 2.0 XML document.</summary>
    public static XDocument ToXml(WorkflowDefinition definition, BpmnExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        options ??= new BpmnExportOptions();
        return new Writer(definition, options).Write();
    }

    /// <summary>The name an activity without a display name is shown with (its title or name, else its type's name).</summary>
    public static string DefaultName(ActivityDefinition activity, ActivityRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var own = activity.Type switch
        {
            "HumanTask" => Text(activity, "title"),
            "Milestone" => Text(activity, "name"),
            _ => null,
        };
        if (!string.IsNullOrWhiteSpace(own) && !own.Contains("{{", StringComparison.Ordinal))
        {
            return own;
        }
        return (registry ?? BuiltIns).Find(activity.Type)?.DisplayName ?? BuiltIns.Find(activity.Type)?.DisplayName ?? activity.Type;
    }

    private sealed class Writer(WorkflowDefinition definition, BpmnExportOptions options)
    {
        private readonly XmlIds ids = new();
        private readonly Dictionary<ActivityDefinition, string> elementIds = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<ActivityDefinition, string> kinds = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<string, ActivityDefinition> byId = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> messages = new(StringComparer.Ordinal);
        private readonly List<(int Index, string Id, ActivityDefinition Source, ActivityDefinition Target)> flows = [];

        public XDocument Write()
        {
            var processId = ids.Claim(IsXmlId(definition.Id) ? definition.Id : "Process_" + definition.Id);
            foreach (var activity in definition.Activities)
            {
                byId.TryAdd(activity.Id, activity);
                kinds[activity] = ElementFor(activity);
            }
            // Ids as they are first, so that a generated id never takes one an activity has.
            foreach (var activity in definition.Activities.Where(a => IsXmlId(a.Id)))
            {
                elementIds[activity] = ids.Claim(activity.Id);
            }
            foreach (var activity in definition.Activities.Where(a => !IsXmlId(a.Id)))
            {
                elementIds[activity] = ids.Claim("Activity_" + activity.Id);
            }
            for (var i = 0; i < definition.Connections.Count; i++)
            {
                var connection = definition.Connections[i];
                if (byId.TryGetValue(connection.Source, out var source) && byId.TryGetValue(connection.Target, out var target))
                {
                    flows.Add((i, ids.Claim($"Flow_{i + 1}"), source, target));
                }
            }

            var process = new XElement(Bpmn + "process",
                new XAttribute("id", processId),
                new XAttribute("name", definition.Name),
                new XAttribute("isExecutable", "true"));
            if (!string.IsNullOrEmpty(definition.Description))
            {
                process.Add(new XElement(Bpmn + "documentation", definition.Description));
            }
            process.Add(new XElement(Bpmn + "extensionElements", DefinitionExtension()));
            foreach (var activity in definition.Activities)
            {
                process.Add(FlowNode(activity));
            }
            foreach (var flow in flows)
            {
                process.Add(SequenceFlow(flow.Index, flow.Id, flow.Source, flow.Target));
            }

            var root = new XElement(Bpmn + "definitions",
                new XAttribute(XNamespace.Xmlns + "bpmn", Bpmn.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "bpmndi", BpmnDi.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "dc", Dc.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "di", Di.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "xsi", Xsi.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "camunda", Camunda.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "lsi", Lsi.NamespaceName),
                new XAttribute("id", ids.Claim("Definitions_" + processId)),
                new XAttribute("targetNamespace", "https://lsi-workflow/bpmn/definitions"),
                new XAttribute("exporter", "LSI Workflow"),
                new XAttribute("exporterVersion", "1"),
                process);
            foreach (var (name, id) in messages)
            {
                root.Add(new XElement(Bpmn + "message", new XAttribute("id", id), new XAttribute("name", name)));
            }
            root.Add(Diagram(processId));
            return new XDocument(new XDeclaration("1.0", "UTF-8", null), root);
        }

        private XElement DefinitionExtension()
        {
            var element = new XElement(Lsi + "definition",
                new XAttribute("id", definition.Id),
                new XAttribute("version", definition.Version),
                new XAttribute("schemaVersion", definition.SchemaVersion));
            if (definition.Variables.Count > 0)
            {
                element.Add(new XElement(Lsi + "variables", JsonSerializer.Serialize(definition.Variables, DefinitionSerializer.Options)));
            }
            return element;
        }

        private XElement FlowNode(ActivityDefinition activity)
        {
            var kind = kinds[activity];
            var element = new XElement(Bpmn + kind,
                new XAttribute("id", elementIds[activity]),
                new XAttribute("name", activity.DisplayName ?? DefaultName(activity, options.Registry)));

            var extension = new XElement(Lsi + "activity", new XAttribute("type", activity.Type), new XAttribute("id", activity.Id));
            extension.Add(activity.DisplayName is { } displayName
                ? new XAttribute("displayName", displayName)
                : new XAttribute("generatedName", DefaultName(activity, options.Registry)));
            if (activity.Properties is { } properties)
            {
                extension.Add(new XElement(Lsi + "properties", properties.ToJsonString()));
            }
            element.Add(new XElement(Bpmn + "extensionElements", extension));

            foreach (var flow in flows.Where(f => ReferenceEquals(f.Target, activity)))
            {
                element.Add(new XElement(Bpmn + "incoming", flow.Id));
            }
            foreach (var flow in flows.Where(f => ReferenceEquals(f.Source, activity)))
            {
                element.Add(new XElement(Bpmn + "outgoing", flow.Id));
            }

            switch (activity.Type)
            {
                case "TimerStart":
                    element.Add(TimerStartDefinition(activity));
                    break;
                case "End":
                    element.Add(new XElement(Bpmn + "terminateEventDefinition", new XAttribute("id", ids.Claim(elementIds[activity] + "_terminate"))));
                    break;
                case "Delay":
                    element.Add(Timer(activity, Property(activity, "duration") is { } duration ? ("timeDuration", duration) : ("timeDate", Property(activity, "until") ?? "")));
                    break;
                case "WaitForEvent":
                    var eventName = Property(activity, "eventName") ?? activity.Id;
                    if (!messages.TryGetValue(eventName, out var messageId))
                    {
                        messageId = ids.Claim("Message_" + eventName);
                        messages[eventName] = messageId;
                    }
                    element.Add(new XElement(Bpmn + "messageEventDefinition",
                        new XAttribute("id", ids.Claim(elementIds[activity] + "_message")),
                        new XAttribute("messageRef", messageId)));
                    break;
                case "StartWorkflow":
                    if (Property(activity, "workflowId") is { } workflowId && IsXmlId(workflowId))
                    {
                        element.Add(new XAttribute("calledElement", workflowId));
                    }
                    break;
                case "HumanTask":
                    AddUserTask(element, activity);
                    break;
                case "SetVariable":
                    element.Add(new XAttribute("scriptFormat", "scriban"));
                    element.Add(new XElement(Bpmn + "script", $"{Property(activity, "variable")} = {activity.Properties?["value"]?.ToJsonString() ?? "null"}"));
                    break;
                case "Decision" or "Switch":
                    if (DefaultFlow(activity) is { } defaultFlow)
                    {
                        element.Add(new XAttribute("default", defaultFlow));
                    }
                    break;
            }
            return element;
        }

        private XElement TimerStartDefinition(ActivityDefinition activity)
        {
            if (Property(activity, "cron") is { } cron)
            {
                return Timer(activity, ("timeCycle", cron));
            }
            if (Property(activity, "every") is { } every)
            {
                var from = Property(activity, "from");
                return Timer(activity, ("timeCycle", from is null ? $"R/{every}" : $"R/{from}T00:00:00/{every}"));
            }
            return Timer(activity, ("timeDate", Property(activity, "at") ?? ""));
        }

        private XElement Timer(ActivityDefinition activity, (string Element, string Value) time) =>
            new(Bpmn + "timerEventDefinition",
                new XAttribute("id", ids.Claim(elementIds[activity] + "_timer")),
                new XElement(Bpmn + time.Element, new XAttribute(Xsi + "type", "bpmn:tFormalExpression"), time.Value));

        /// <summary>The parts of a task's assignment that Camunda Modeler shows, in its own attributes.</summary>
        private void AddUserTask(XElement element, ActivityDefinition activity)
        {
            var assignee = activity.Properties?["assignee"];
            if (assignee is JsonObject parts && !ActivityRegistry.IsExpression(assignee, out _))
            {
                if (ValueText(parts["user"]) is { } user)
                {
                    element.Add(new XAttribute(Camunda + "assignee", user));
                }
                var organisations = parts["organisations"];
                var several = ActivityRegistry.IsExpression(organisations, out _) || organisations is JsonArray { Count: > 1 };
                if (organisations is JsonArray list)
                {
                    element.Add(new XAttribute(Camunda + "candidateGroups", string.Join(",", list.Select(ValueText))));
                }
                else if (ValueText(organisations) is { } expression)
                {
                    element.Add(new XAttribute(Camunda + "candidateGroups", expression));
                }
                if (ValueText(parts["role"]) is { } role)
                {
                    element.Add(new XElement(Bpmn + "potentialOwner",
                        new XAttribute("id", ids.Claim(elementIds[activity] + "_role")),
                        new XAttribute("name", "role"),
                        new XElement(Bpmn + "resourceAssignmentExpression",
                            new XElement(Bpmn + "formalExpression", role))));
                }
                if (several)
                {
                    // One task per organisation: a parallel multi-instance task in BPMN terms.
                    var loop = new XElement(Bpmn + "multiInstanceLoopCharacteristics",
                        new XAttribute(Camunda + "collection", ValueText(organisations) is { } text && organisations is not JsonArray ? text : "organisations"),
                        new XAttribute(Camunda + "elementVariable", "organisation"));
                    var completion = Property(activity, "completion") ?? "any";
                    var needed = completion switch
                    {
                        "any" => "1",
                        "atLeast" => activity.Properties?["atLeastCount"]?.ToJsonString(),
                        _ => null,
                    };
                    if (needed is not null)
                    {
                        loop.Add(new XElement(Bpmn + "completionCondition", new XAttribute(Xsi + "type", "bpmn:tFormalExpression"),
                            $"${{nrOfCompletedInstances >= {needed}}}"));
                    }
                    element.Add(loop);
                }
            }
            if (Property(activity, "dueDate") is { } dueDate)
            {
                element.Add(new XAttribute(Camunda + "dueDate", dueDate));
            }
        }

        private string? DefaultFlow(ActivityDefinition gateway)
        {
            var outcome = gateway.Type == "Decision" ? "False" : "Default";
            return flows.FirstOrDefault(f => ReferenceEquals(f.Source, gateway) && definition.Connections[f.Index].EffectiveOutcome == outcome).Id;
        }

        private XElement SequenceFlow(int index, string id, ActivityDefinition source, ActivityDefinition target)
        {
            var connection = definition.Connections[index];
            var element = new XElement(Bpmn + "sequenceFlow", new XAttribute("id", id));
            if (BpmnShapes.FlowLabel(connection) is { } name)
            {
                element.Add(new XAttribute("name", name));
            }
            element.Add(new XAttribute("sourceRef", elementIds[source]), new XAttribute("targetRef", elementIds[target]));
            if (connection.Outcome is { } outcome)
            {
                element.Add(new XAttribute(Lsi + "outcome", outcome));
            }
            if (Condition(source, connection, id) is var (language, text))
            {
                element.Add(new XElement(Bpmn + "conditionExpression",
                    new XAttribute(Xsi + "type", "bpmn:tFormalExpression"),
                    new XAttribute("language", language),
                    text));
            }
            return element;
        }

        private (string Language, string Text)? Condition(ActivityDefinition source, ConnectionDefinition connection, string flowId)
        {
            var outcome = connection.EffectiveOutcome;
            switch (source.Type)
            {
                case "Fork" or "Join":
                    return null;
                case "Decision":
                    var condition = Property(source, "condition") ?? "false";
                    return outcome switch
                    {
                        "True" => (ScribanLanguage, condition),
                        "False" when DefaultFlow(source) == flowId => null,
                        "False" => (ScribanLanguage, $"!({condition})"),
                        _ => (OutcomeLanguage, OutcomeCondition(outcome)),
                    };
                case "Switch":
                    if (outcome == "Default")
                    {
                        return DefaultFlow(source) == flowId ? null : (ScribanLanguage, "true");
                    }
                    var match = (source.Properties?["cases"] as JsonArray)?.OfType<JsonObject>()
                        .FirstOrDefault(c => ValueText(c["name"]) == outcome);
                    return match is not null ? (ScribanLanguage, ValueText(match["condition"]) ?? "false") : (OutcomeLanguage, OutcomeCondition(outcome));
            }
            // Only activities and gateways may have conditional flows; events take the default outcome anyway.
            var kind = kinds[source];
            return outcome == ConnectionDefinition.DefaultOutcome || IsEvent(kind) ? null : (OutcomeLanguage, OutcomeCondition(outcome));
        }

        private XElement Diagram(string processId)
        {
            var planned = BpmnDiagram.Plan(definition, definition.Activities, options.Layout);
            var plane = new XElement(BpmnDi + "BPMNPlane", new XAttribute("id", ids.Claim("BPMNPlane_" + processId)), new XAttribute("bpmnElement", processId));
            var bounds = new Dictionary<ActivityDefinition, LayoutRect>(ReferenceEqualityComparer.Instance);
            foreach (var activity in definition.Activities)
            {
                var kind = kinds[activity];
                var box = BpmnShapes.Bounds(kind, planned.Slots[activity]);
                bounds[activity] = box;
                var shape = new XElement(BpmnDi + "BPMNShape",
                    new XAttribute("id", ids.Claim(elementIds[activity] + "_di")),
                    new XAttribute("bpmnElement", elementIds[activity]));
                if (kind == "exclusiveGateway")
                {
                    shape.Add(new XAttribute("isMarkerVisible", "true"));
                }
                shape.Add(Bounds(box));
                if (IsEvent(kind) || IsGateway(kind))
                {
                    // Events and gateways carry their name outside the shape, under it.
                    var size = BpmnShapes.TextSize(activity.DisplayName ?? DefaultName(activity, options.Registry));
                    shape.Add(new XElement(BpmnDi + "BPMNLabel",
                        Bounds(new LayoutRect(box.CenterX - size.Width / 2, box.Bottom + 5, size.Width, size.Height))));
                }
                plane.Add(shape);
            }
            foreach (var flow in flows)
            {
                var connection = definition.Connections[flow.Index];
                var from = bounds[flow.Source];
                var to = bounds[flow.Target];
                var route = planned.Routes[flow.Index] is { } laid
                    ? laid with { Points = [new(from.Right, laid.Points[0].Y), .. laid.Points.Skip(1).SkipLast(1), new(to.X, laid.Points[^1].Y)] }
                    : BpmnDiagram.Connect(from, to, BpmnShapes.FlowLabelSize(connection));
                var edge = new XElement(BpmnDi + "BPMNEdge",
                    new XAttribute("id", ids.Claim(flow.Id + "_di")),
                    new XAttribute("bpmnElement", flow.Id));
                foreach (var point in route.Points)
                {
                    edge.Add(new XElement(Di + "waypoint", new XAttribute("x", Number(point.X)), new XAttribute("y", Number(point.Y))));
                }
                if (route.Label is { } label)
                {
                    edge.Add(new XElement(BpmnDi + "BPMNLabel", Bounds(label)));
                }
                plane.Add(edge);
            }
            return new XElement(BpmnDi + "BPMNDiagram", new XAttribute("id", ids.Claim("BPMNDiagram_" + processId)), plane);
        }

        private static XElement Bounds(LayoutRect rect) => new(Dc + "Bounds",
            new XAttribute("x", Number(rect.X)), new XAttribute("y", Number(rect.Y)),
            new XAttribute("width", Number(rect.Width)), new XAttribute("height", Number(rect.Height)));

        private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        private static string OutcomeCondition(string outcome) => $"outcome == {JsonSerializer.Serialize(outcome, DefinitionSerializer.Options)}";

        /// <summary>A property as text: a literal string, or an expression written <c>${...}</c>.</summary>
        private static string? Property(ActivityDefinition activity, string name) => ValueText(activity.Properties?[name]);

        private static string? ValueText(JsonNode? node) => node switch
        {
            null => null,
            JsonValue value when value.TryGetValue(out string? text) => text,
            _ when ActivityRegistry.IsExpression(node, out var expression) => $"${{{expression}}}",
            _ => node.ToJsonString(),
        };
    }
}
