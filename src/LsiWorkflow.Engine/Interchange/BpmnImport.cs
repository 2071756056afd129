using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using LsiWorkflow.Engine.Definitions;
using static LsiWorkflow.Engine.Interchange.BpmnVocabulary;

namespace LsiWorkflow.Engine.Interchange;

/// <summary>
/// Reads BPMN 2.0 XML into a draft definition: our own exports exactly (their extension elements carry each
/// activity's type and properties), and files of other tools such as Camunda Modeler as far as workflows can express
/// them. Every element that is not taken over is listed with a reason.
/// </summary>
/// <remarks>
/// Without our extension: start events (none, timer), end events, user tasks, manual and plain tasks (HumanTask, with
/// Camunda 7 or 8 assignee, candidate groups and due date; its outcomes come from its outgoing flows), exclusive
/// gateways (Switch; one that only merges disappears and its flows are joined), parallel gateways (Fork, Join),
/// timer, message and signal catch events (Delay, WaitForEvent), receive tasks, send tasks, none throw events
/// (Milestone), call activities (StartWorkflow) and sequence flows with their conditions. Positions come from the
/// diagram: the middle of each shape less half a <see cref="BpmnShapes.Slot"/>.
/// </remarks>
public static partial class BpmnImporter
{
    private const long MaxCharacters = 20_000_000;

    /// <summary>Reads BPMN XML text. Throws <see cref="BpmnFormatException"/> when it is not BPMN 2.0 XML.</summary>
    public static BpmnImportResult Import(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxCharacters,
        };
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new BpmnFormatException($"Het bestand is geen geldige XML: {ex.Message}", ex);
        }
        return Import(document);
    }

    /// <summary>Reads a BPMN XML document. Throws <see cref="BpmnFormatException"/> when it is not BPMN 2.0.</summary>
    public static BpmnImportResult Import(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Root is not { } root || root.Name != Bpmn + "definitions")
        {
            throw new BpmnFormatException("Het bestand is geen BPMN 2.0: het begint niet met bpmn:definitions.");
        }
        return new Reader(root).Read();
    }

    [GeneratedRegex("""(?:^|\.)outcome\s*==\s*"((?:[^"\\]|\\.)*)"\s*$""")]
    private static partial Regex OutcomeCondition();

    [GeneratedRegex(@"^\s*(?:\$\{|#\{)(.*)\}\s*$", RegexOptions.Singleline)]
    private static partial Regex JuelExpression();

    [GeneratedRegex(@"^R(\d*)/(?:([^/]+)/)?(P[^/]+)$")]
    private static partial Regex RepeatingInterval();

    private sealed class Node
    {
        public required XElement Element { get; init; }
        public ActivityDefinition? Activity { get; set; }
        public bool FromExtension { get; init; }

        /// <summary>An exclusive gateway that only merges: its flows are joined and it disappears.</summary>
        public bool PassThrough { get; set; }
    }

    private sealed class Reader(XElement root)
    {
        private readonly List<BpmnImportIssue> issues = [];
        private readonly Dictionary<string, Node> nodes = new(StringComparer.Ordinal);
        private readonly List<XElement> flows = [];
        private readonly HashSet<string> activityIds = new(StringComparer.Ordinal);

        public BpmnImportResult Read()
        {
            var process = ChooseProcess();
            foreach (var child in process.Elements())
            {
                Visit(child);
            }
            var connections = Connect();
            var positions = Positions();
            var activities = nodes.Values
                .Where(n => n.Activity is not null && !n.PassThrough)
                .Select(n => n.Activity! with { Position = positions.GetValueOrDefault(Id(n.Element)) })
                .ToList();
            return new BpmnImportResult(Header(process) with { Activities = activities, Connections = connections }, issues);
        }

        private XElement ChooseProcess()
        {
            var processes = root.Elements(Bpmn + "process").ToList();
            var participants = root.Elements(Bpmn + "collaboration").Elements(Bpmn + "participant").ToList();
            var chosen = participants
                .Select(p => processes.FirstOrDefault(x => Id(x) == Local((string?)p.Attribute("processRef"))))
                .FirstOrDefault(p => p is not null && p.Elements().Any())
                ?? processes.FirstOrDefault(p => p.Elements().Any(IsFlowNode))
                ?? processes.FirstOrDefault()
                ?? throw new BpmnFormatException("Het bestand bevat geen bpmn:process.");
            foreach (var other in processes.Where(p => p != chosen && p.Elements().Any(IsFlowNode)))
            {
                Issue(other, BpmnImportReasons.OtherProcess);
            }
            foreach (var participant in participants.Where(p => Local((string?)p.Attribute("processRef")) != Id(chosen)))
            {
                Issue(participant, BpmnImportReasons.OtherProcess);
            }
            foreach (var messageFlow in root.Elements(Bpmn + "collaboration").Elements(Bpmn + "messageFlow"))
            {
                Issue(messageFlow, BpmnImportReasons.UnsupportedElement);
            }
            return chosen;
        }

        private static bool IsFlowNode(XElement element) => element.Name.Namespace == Bpmn
            && (IsEvent(element.Name.LocalName) || IsGateway(element.Name.LocalName) || element.Name.LocalName.EndsWith("Task", StringComparison.Ordinal)
                || element.Name.LocalName is "task" or "callActivity" or "subProcess");

        private void Visit(XElement element)
        {
            if (element.Name.Namespace != Bpmn)
            {
                return;
            }
            var kind = element.Name.LocalName;
            switch (kind)
            {
                case "documentation" or "extensionElements" or "property" or "ioSpecification":
                    return;
                case "sequenceFlow":
                    flows.Add(element);
                    return;
                case "laneSet":
                    foreach (var lane in element.Descendants(Bpmn + "lane"))
                    {
                        Issue(lane, BpmnImportReasons.UnsupportedElement);
                    }
                    return;
                case "boundaryEvent":
                    Issue(element, BpmnImportReasons.BoundaryEvent);
                    return;
                case "subProcess" or "adHocSubProcess" or "transaction":
                    Issue(element, BpmnImportReasons.SubProcess);
                    return;
            }
            if (!IsFlowNode(element))
            {
                Issue(element, BpmnImportReasons.UnsupportedElement);
                return;
            }
            var node = FromExtension(element) ?? FromKind(element);
            if (node is null)
            {
                return;
            }
            nodes[Id(element)] = node;
            foreach (var data in element.Elements().Where(e => e.Name.LocalName is "dataInputAssociation" or "dataOutputAssociation" or "standardLoopCharacteristics"))
            {
                Issue(data, BpmnImportReasons.UnsupportedElement);
            }
            if (node.Activity?.Type != "HumanTask" && element.Element(Bpmn + "multiInstanceLoopCharacteristics") is { } loop)
            {
                Issue(loop, BpmnImportReasons.UnsupportedElement);
            }
        }

        /// <summary>An element we exported: its type and properties come from our extension.</summary>
        private Node? FromExtension(XElement element)
        {
            if (element.Element(Bpmn + "extensionElements")?.Element(Lsi + "activity") is not { } extension
                || (string?)extension.Attribute("type") is not { Length: > 0 } type)
            {
                return null;
            }
            JsonObject? properties = null;
            if (extension.Element(Lsi + "properties") is { } json)
            {
                try
                {
                    properties = JsonNode.Parse(json.Value) as JsonObject
                        ?? throw new JsonException("not an object");
                }
                catch (JsonException)
                {
                    Issue(element, BpmnImportReasons.InvalidExtension);
                    return null;
                }
            }
            var name = (string?)element.Attribute("name");
            var stored = (string?)extension.Attribute("displayName");
            var generated = (string?)extension.Attribute("generatedName");
            // A name changed in another tool wins over what we wrote; an unchanged one stays as it was.
            var displayName = stored is not null
                ? (string.IsNullOrEmpty(name) || name == stored ? stored : name)
                : (string.IsNullOrEmpty(name) || name == generated ? null : name);
            var activity = new ActivityDefinition
            {
                Id = ClaimActivityId((string?)extension.Attribute("id") ?? Id(element), element),
                Type = type,
                DisplayName = displayName,
                Properties = properties,
            };
            return new Node { Element = element, Activity = activity, FromExtension = true };
        }

        private Node? FromKind(XElement element)
        {
            var kind = element.Name.LocalName;
            var name = (string?)element.Attribute("name");
            var definitions = element.Elements().Where(e => e.Name.Namespace == Bpmn && e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal)).ToList();
            var eventKind = definitions.Count == 1 ? definitions[0].Name.LocalName : definitions.Count == 0 ? "none" : "multiple";
            (string Type, JsonObject? Properties)? mapped = kind switch
            {
                "startEvent" when eventKind == "none" => ("Start", null),
                "startEvent" when eventKind == "timerEventDefinition" => ("TimerStart", TimerStart(element, definitions[0])),
                "endEvent" when eventKind is "none" or "terminateEventDefinition" => ("End", null),
                "userTask" or "task" or "manualTask" => ("HumanTask", HumanTask(element)),
                "exclusiveGateway" => ("Switch", []),
                "parallelGateway" => IsJoin(element) ? ("Join", null) : ("Fork", []),
                "intermediateCatchEvent" when eventKind == "timerEventDefinition" => ("Delay", Delay(element, definitions[0])),
                "intermediateCatchEvent" when eventKind is "messageEventDefinition" or "signalEventDefinition" =>
                    ("WaitForEvent", new JsonObject { ["eventName"] = EventName(definitions[0]) ?? name ?? Id(element) }),
                "receiveTask" => ("WaitForEvent", new JsonObject { ["eventName"] = ReferencedName(element, "messageRef", "message") ?? name ?? Id(element) }),
                "intermediateThrowEvent" when eventKind == "none" => ("Milestone", new JsonObject { ["name"] = name ?? Id(element) }),
                "sendTask" => ("SendNotification", new JsonObject
                {
                    ["subject"] = name ?? Id(element),
                    ["body"] = (string?)element.Element(Bpmn + "documentation") ?? name ?? Id(element),
                }),
                "callActivity" => ("StartWorkflow", CallActivity(element)),
                _ => null,
            };
            if (mapped is not { } found)
            {
                Issue(element, IsGateway(kind) ? BpmnImportReasons.UnsupportedGateway
                    : IsEvent(kind) ? BpmnImportReasons.UnsupportedEvent
                    : BpmnImportReasons.UnsupportedTask);
                return null;
            }
            var activity = new ActivityDefinition
            {
                Id = ClaimActivityId(Id(element), element),
                Type = found.Type,
                DisplayName = string.IsNullOrWhiteSpace(name) ? null : name,
                Properties = found.Properties,
            };
            return new Node { Element = element, Activity = activity };
        }

        private static bool IsJoin(XElement gateway)
        {
            var id = Id(gateway);
            var process = gateway.Parent!;
            var incoming = process.Elements(Bpmn + "sequenceFlow").Count(f => (string?)f.Attribute("targetRef") == id);
            var outgoing = process.Elements(Bpmn + "sequenceFlow").Count(f => (string?)f.Attribute("sourceRef") == id);
            return incoming > 1 && outgoing <= 1;
        }

        private JsonObject TimerStart(XElement element, XElement timer)
        {
            var properties = new JsonObject();
            if (Text(timer, "timeCycle") is { } cycle)
            {
                if (RepeatingInterval().Match(cycle) is { Success: true } match)
                {
                    properties["every"] = match.Groups[3].Value;
                    if (match.Groups[2].Success && JsonTypes.TryParseMoment(match.Groups[2].Value, out var from))
                    {
                        properties["from"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    }
                }
                else
                {
                    properties["cron"] = FiveFieldCron(cycle);
                }
            }
            else if (Text(timer, "timeDate") is { } date)
            {
                properties["at"] = date;
            }
            else
            {
                Issue(element, BpmnImportReasons.TimerNotMapped);
            }
            return properties;
        }

        /// <summary>Quartz cron (Camunda 7: seconds first, '?' for "any", maybe a year) as five-field cron.</summary>
        private static string FiveFieldCron(string cron)
        {
            var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length is 6 or 7 && fields[0] == "0")
            {
                fields = [.. fields.Skip(1).Take(5)];
            }
            return string.Join(' ', fields.Select(f => f == "?" ? "*" : f));
        }

        private JsonObject Delay(XElement element, XElement timer)
        {
            if (Text(timer, "timeDuration") is { } duration)
            {
                return new JsonObject { ["duration"] = Value(duration) };
            }
            if (Text(timer, "timeDate") is { } date)
            {
                return new JsonObject { ["until"] = Value(date) };
            }
            Issue(element, BpmnImportReasons.TimerNotMapped);
            return [];
        }

        private static JsonObject HumanTask(XElement element)
        {
            var properties = new JsonObject { ["title"] = (string?)element.Attribute("name") ?? Id(element) };
            if ((string?)element.Element(Bpmn + "documentation") is { Length: > 0 } description)
            {
                properties["description"] = description;
            }
            var assignee = new JsonObject();
            var zeebe = element.Element(Bpmn + "extensionElements")?.Element(Zeebe + "assignmentDefinition");
            var user = (string?)element.Attribute(Camunda + "assignee") ?? (string?)zeebe?.Attribute("assignee");
            var groups = (string?)element.Attribute(Camunda + "candidateGroups") ?? (string?)zeebe?.Attribute("candidateGroups");
            if (!string.IsNullOrWhiteSpace(user))
            {
                assignee["user"] = Value(user);
            }
            if (!string.IsNullOrWhiteSpace(groups))
            {
                var trimmed = groups.Trim();
                assignee["organisations"] = JuelExpression().IsMatch(trimmed) || trimmed.StartsWith('=')
                    ? Value(trimmed)
                    : new JsonArray([.. trimmed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(g => JsonValue.Create(g))]);
            }
            var owner = element.Elements().FirstOrDefault(e => e.Name.LocalName is "potentialOwner" or "humanPerformer");
            if (owner?.Descendants(Bpmn + "formalExpression").FirstOrDefault()?.Value.Trim() is { Length: > 0 } role)
            {
                assignee["role"] = Value(role);
            }
            if (assignee.Count > 0)
            {
                properties["assignee"] = assignee;
            }
            if (element.Element(Bpmn + "multiInstanceLoopCharacteristics") is { } loop)
            {
                var condition = (string?)loop.Element(Bpmn + "completionCondition") ?? "";
                var count = Regex.Match(condition, @"nrOfCompletedInstances\s*>=\s*(\d+)");
                if (!count.Success)
                {
                    properties["completion"] = "all";
                }
                else if (count.Groups[1].Value != "1")
                {
                    properties["completion"] = "atLeast";
                    properties["atLeastCount"] = int.Parse(count.Groups[1].Value, CultureInfo.InvariantCulture);
                }
            }
            var due = (string?)element.Attribute(Camunda + "dueDate")
                ?? (string?)element.Element(Bpmn + "extensionElements")?.Element(Zeebe + "taskSchedule")?.Attribute("dueDate");
            if (!string.IsNullOrWhiteSpace(due))
            {
                if (IsoDuration.TryParse(due, out _))
                {
                    properties["dueIn"] = due;
                }
                else if (JsonTypes.TryParseMoment(due, out var moment))
                {
                    properties["dueDate"] = moment.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                }
                else
                {
                    properties["dueDate"] = Value(due);
                }
            }
            return properties;
        }

        private static JsonObject CallActivity(XElement element)
        {
            var called = (string?)element.Attribute("calledElement")
                ?? (string?)element.Element(Bpmn + "extensionElements")?.Element(Zeebe + "calledElement")?.Attribute("processId");
            var properties = new JsonObject { ["waitForCompletion"] = true };
            if (!string.IsNullOrWhiteSpace(called))
            {
                properties["workflowId"] = Local(called);
            }
            return properties;
        }

        /// <summary>Sequence flows become connections; the outcome each follows is worked out from its source.</summary>
        private List<ConnectionDefinition> Connect()
        {
            var outgoing = flows.ToLookup(f => (string?)f.Attribute("sourceRef") ?? "");
            foreach (var node in nodes.Values.Where(n => !n.FromExtension && n.Element.Name.LocalName == "exclusiveGateway"))
            {
                var leaving = outgoing[Id(node.Element)].ToList();
                node.PassThrough = leaving.Count <= 1 && leaving.All(f => f.Element(Bpmn + "conditionExpression") is null);
            }

            var connections = new List<ConnectionDefinition>();
            var outcomes = new Dictionary<Node, List<string>>();
            var cases = new Dictionary<Node, JsonArray>();
            foreach (var flow in flows)
            {
                if (!nodes.TryGetValue((string?)flow.Attribute("sourceRef") ?? "", out var source) || source.PassThrough)
                {
                    if (source is null)
                    {
                        Issue(flow, BpmnImportReasons.FlowNotConnected);
                    }
                    continue;
                }
                var target = Follow((string?)flow.Attribute("targetRef") ?? "", outgoing);
                if (target is null)
                {
                    Issue(flow, BpmnImportReasons.FlowNotConnected);
                    continue;
                }
                var outcome = Outcome(flow, source, outcomes, cases);
                connections.Add(new ConnectionDefinition { Source = source.Activity!.Id, Outcome = outcome, Target = target.Activity!.Id });
            }

            foreach (var (node, names) in outcomes)
            {
                if (node.Activity!.Type == "HumanTask")
                {
                    node.Activity.Properties!["outcomes"] = new JsonArray([.. names.Distinct().Select(n => JsonValue.Create(n))]);
                }
                else
                {
                    node.Activity.Properties!["branches"] = new JsonArray([.. names.Distinct().Select(n => JsonValue.Create(n))]);
                }
            }
            foreach (var (node, list) in cases)
            {
                node.Activity!.Properties!["cases"] = list;
            }
            foreach (var node in nodes.Values.Where(n => !n.FromExtension && n.Activity?.Type == "HumanTask" && !outcomes.ContainsKey(n)))
            {
                node.Activity!.Properties!["outcomes"] = new JsonArray("Gereed");
            }
            return connections;
        }

        /// <summary>The node a flow leads to, past gateways that only merge; null when it leads to nothing taken over.</summary>
        private Node? Follow(string id, ILookup<string, XElement> outgoing)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (nodes.TryGetValue(id, out var node) && seen.Add(id))
            {
                if (!node.PassThrough)
                {
                    return node;
                }
                if (outgoing[id].FirstOrDefault() is not { } next)
                {
                    return null;
                }
                id = (string?)next.Attribute("targetRef") ?? "";
            }
            return null;
        }

        private string? Outcome(XElement flow, Node source, Dictionary<Node, List<string>> outcomes, Dictionary<Node, JsonArray> cases)
        {
            if ((string?)flow.Attribute(Lsi + "outcome") is { } stored)
            {
                return stored;
            }
            if (source.FromExtension)
            {
                return null;
            }
            var name = (string?)flow.Attribute("name");
            var condition = flow.Element(Bpmn + "conditionExpression")?.Value.Trim();
            var activity = source.Activity!;
            switch (activity.Type)
            {
                case "Switch":
                    if ((string?)source.Element.Attribute("default") == Id(flow))
                    {
                        return "Default";
                    }
                    var list = cases.TryGetValue(source, out var existing) ? existing : cases[source] = [];
                    var caseName = Unique(string.IsNullOrWhiteSpace(name) ? Id(flow) : name, list.Select(c => (string)c!["name"]!).Append("Default"));
                    list.Add(new JsonObject { ["name"] = caseName, ["condition"] = Scriban(flow, condition ?? "true") });
                    return caseName;
                case "Fork":
                    var branches = outcomes.TryGetValue(source, out var taken) ? taken : outcomes[source] = [];
                    var branch = Unique(string.IsNullOrWhiteSpace(name) ? $"Tak {branches.Count + 1}" : name, branches);
                    branches.Add(branch);
                    return branch;
                case "HumanTask":
                    var names = outcomes.TryGetValue(source, out var known) ? known : outcomes[source] = [];
                    var outcome = condition is not null && OutcomeCondition().Match(condition) is { Success: true } match
                        ? JsonSerializer.Deserialize<string>($"\"{match.Groups[1].Value}\"")!
                        : !string.IsNullOrWhiteSpace(name) ? name
                        : "Gereed";
                    names.Add(outcome);
                    return outcome;
                default:
                    if (condition is not null)
                    {
                        Issue(flow, BpmnImportReasons.ConditionIgnored);
                    }
                    return null;
            }
        }

        /// <summary>A condition as the engine writes it: JUEL's <c>${...}</c> and FEEL's leading '=' are dropped.</summary>
        private string Scriban(XElement flow, string condition)
        {
            var language = (string?)flow.Element(Bpmn + "conditionExpression")?.Attribute("language");
            if (language == ScribanLanguage)
            {
                return condition;
            }
            if (JuelExpression().Match(condition) is { Success: true } juel)
            {
                Issue(flow, BpmnImportReasons.ConditionNeedsReview);
                return juel.Groups[1].Value.Trim();
            }
            if (condition.StartsWith('='))
            {
                Issue(flow, BpmnImportReasons.ConditionNeedsReview);
                return condition[1..].Trim();
            }
            return condition;
        }

        private Dictionary<string, Position> Positions()
        {
            var positions = new Dictionary<string, Position>(StringComparer.Ordinal);
            foreach (var shape in root.Descendants(BpmnDi + "BPMNShape"))
            {
                var element = Local((string?)shape.Attribute("bpmnElement"));
                if (element is null || shape.Element(Dc + "Bounds") is not { } bounds)
                {
                    continue;
                }
                double Read(string name) => double.TryParse((string?)bounds.Attribute(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;
                positions.TryAdd(element, BpmnShapes.SlotPosition(new LayoutRect(Read("x"), Read("y"), Read("width"), Read("height"))));
            }
            return positions;
        }

        private WorkflowDefinition Header(XElement process)
        {
            var extension = process.Element(Bpmn + "extensionElements")?.Element(Lsi + "definition");
            var variables = new List<VariableDefinition>();
            if (extension?.Element(Lsi + "variables") is { } json)
            {
                try
                {
                    variables = JsonSerializer.Deserialize<List<VariableDefinition>>(json.Value, DefinitionSerializer.Options) ?? [];
                }
                catch (JsonException)
                {
                    Issue(process, BpmnImportReasons.InvalidExtension);
                }
            }
            var id = (string?)extension?.Attribute("id") ?? DefinitionId(Id(process));
            return new WorkflowDefinition
            {
                SchemaVersion = (int?)extension?.Attribute("schemaVersion") ?? WorkflowDefinition.CurrentSchemaVersion,
                Id = id,
                Name = (string?)process.Attribute("name") is { Length: > 0 } name ? name : (string?)root.Attribute("name") ?? id,
                Version = (int?)extension?.Attribute("version") ?? 1,
                Description = (string?)process.Element(Bpmn + "documentation"),
                Variables = variables,
            };
        }

        /// <summary>A definition id as the format allows: letters, digits, '.', '_' and '-', starting with a letter or digit.</summary>
        private static string DefinitionId(string processId)
        {
            var cleaned = new string([.. processId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-')]).TrimStart('.', '_', '-');
            cleaned = cleaned.Length > 100 ? cleaned[..100] : cleaned;
            return cleaned.Length == 0 ? "geimporteerd" : cleaned;
        }

        private string ClaimActivityId(string wanted, XElement element)
        {
            if (activityIds.Add(wanted))
            {
                return wanted;
            }
            var fallback = Id(element);
            for (var i = 2; !activityIds.Add(fallback); i++)
            {
                fallback = $"{Id(element)}_{i}";
            }
            return fallback;
        }

        private string? EventName(XElement definition) => definition.Name.LocalName == "messageEventDefinition"
            ? ReferencedName(definition, "messageRef", "message")
            : ReferencedName(definition, "signalRef", "signal");

        private string? ReferencedName(XElement element, string attribute, string kind)
        {
            var id = Local((string?)element.Attribute(attribute));
            if (id is null)
            {
                return null;
            }
            var referenced = root.Elements(Bpmn + kind).FirstOrDefault(m => Id(m) == id);
            return (string?)referenced?.Attribute("name") ?? id;
        }

        private void Issue(XElement element, string reason) =>
            issues.Add(new BpmnImportIssue(Id(element), (string?)element.Attribute("name"), Qualified(element), reason));

        private static string Qualified(XElement element) =>
            element.Name.Namespace == Bpmn ? $"bpmn:{element.Name.LocalName}" : element.Name.ToString();

        private static string Id(XElement element) => (string?)element.Attribute("id") ?? "";

        private static string? Text(XElement timer, string name) => timer.Element(Bpmn + name)?.Value.Trim() is { Length: > 0 } text ? text : null;

        /// <summary>A value as the engine stores it: <c>${x}</c> becomes the expression object <c>{ "expr": "x" }</c>.</summary>
        private static JsonNode Value(string text) => JuelExpression().Match(text) is { Success: true } match
            ? new JsonObject { ["expr"] = match.Groups[1].Value.Trim() }
            : JsonValue.Create(text);

        private static string? Local(string? qualified) =>
            qualified is null ? null : qualified.Contains(':', StringComparison.Ordinal) ? qualified[(qualified.IndexOf(':', StringComparison.Ordinal) + 1)..] : qualified;

        private static string Unique(string wanted, IEnumerable<string> taken)
        {
            var set = taken.ToHashSet(StringComparer.Ordinal);
            var name = wanted;
            for (var i = 2; set.Contains(name); i++)
            {
                name = $"{wanted} {i}";
            }
            return name;
        }
    }
}
