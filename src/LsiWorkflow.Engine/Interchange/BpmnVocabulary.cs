using System.Xml;
using System.Xml.Linq;
using LsiWorkflow.Engine.Definitions;

namespace LsiWorkflow.Engine.Interchange;

/// <summary>The XML namespaces and element names of BPMN 2.0 that the interchange reads and writes.</summary>
public static class BpmnVocabulary
{
    /// <summary>BPMN 2.0 semantic model.</summary>
    public static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /// <summary>BPMN diagram interchange.</summary>
    public static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";

    /// <summary>OMG diagram common (bounds).</summary>
    public static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";

    /// <summary>OMG diagram interchange (waypoints).</summary>
    public static readonly XNamespace Di = "http://www.omg.org/spec/DD/20100524/DI";

    /// <summary>XML Schema instance (<c>xsi:type</c> of expressions).</summary>
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>Camunda 7 extension attributes (assignee, candidate groups, due date), read and written.</summary>
    public static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";

    /// <summary>Camunda 8 extension elements, read only.</summary>
    public static readonly XNamespace Zeebe = "http://camunda.org/schema/zeebe/1.0";

    /// <summary>Our own extension: the activity type and its properties, so a round trip loses nothing.</summary>
    public static readonly XNamespace Lsi = "https://lsi-workflow/bpmn";

    /// <summary>Expression language named on outcome conditions: <c>outcome == "Goedkeuren"</c>.</summary>
    public const string OutcomeLanguage = "https://lsi-workflow/bpmn/outcome";

    /// <summary>Expression language named on conditions of decisions and switches (Scriban, as in the engine).</summary>
    public const string ScribanLanguage = "https://github.com/scriban/scriban";

    /// <summary>The BPMN element an activity type is exported as.</summary>
    public static string ElementFor(ActivityDefinition activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Type switch
        {
            "Start" or "TimerStart" => "startEvent",
            "End" => "endEvent",
            "HumanTask" => "userTask",
            "Decision" or "Switch" => "exclusiveGateway",
            "Fork" => "parallelGateway",
            "Join" => Text(activity, "mode") == "any" ? "complexGateway" : "parallelGateway",
            "Delay" or "WaitForEvent" => "intermediateCatchEvent",
            "Milestone" => "intermediateThrowEvent",
            "StartWorkflow" => "callActivity",
            "SetVariable" => "scriptTask",
            "SendNotification" => "sendTask",
            _ => "serviceTask",
        };
    }

    /// <summary>Whether a BPMN element is drawn as a circle (events).</summary>
    public static bool IsEvent(string element) => element.EndsWith("Event", StringComparison.Ordinal);

    /// <summary>Whether a BPMN element is drawn as a diamond (gateways).</summary>
    public static bool IsGateway(string element) => element.EndsWith("Gateway", StringComparison.Ordinal);

    /// <summary>Dutch and English names of BPMN element kinds, for messages about elements not taken over.</summary>
    public static (string Dutch, string English) KindName(string element) => element switch
    {
        "boundaryEvent" => ("Grensgebeurtenis", "Boundary event"),
        "startEvent" => ("Startgebeurtenis", "Start event"),
        "endEvent" => ("Eindgebeurtenis", "End event"),
        "intermediateCatchEvent" => ("Tussengebeurtenis (wachten)", "Intermediate catch event"),
        "intermediateThrowEvent" => ("Tussengebeurtenis (werpen)", "Intermediate throw event"),
        "inclusiveGateway" => ("Inclusieve gateway", "Inclusive gateway"),
        "eventBasedGateway" => ("Gebeurtenisgestuurde gateway", "Event-based gateway"),
        "complexGateway" => ("Complexe gateway", "Complex gateway"),
        "exclusiveGateway" => ("Exclusieve gateway", "Exclusive gateway"),
        "parallelGateway" => ("Parallelle gateway", "Parallel gateway"),
        "dataObject" => ("Gegevensobject", "Data object"),
        "dataObjectReference" => ("Verwijzing naar gegevensobject", "Data object reference"),
        "dataStoreReference" => ("Gegevensopslag", "Data store"),
        "dataInputAssociation" => ("Invoer van gegevens", "Data input association"),
        "dataOutputAssociation" => ("Uitvoer van gegevens", "Data output association"),
        "textAnnotation" => ("Tekstannotatie", "Text annotation"),
        "association" => ("Associatie", "Association"),
        "group" => ("Groep", "Group"),
        "lane" => ("Baan", "Lane"),
        "laneSet" => ("Banenset", "Lane set"),
        "sequenceFlow" => ("Volgordestroom", "Sequence flow"),
        "subProcess" => ("Subproces", "Sub-process"),
        "adHocSubProcess" => ("Ad-hocsubproces", "Ad-hoc sub-process"),
        "transaction" => ("Transactie", "Transaction"),
        "serviceTask" => ("Servicetaak", "Service task"),
        "scriptTask" => ("Scripttaak", "Script task"),
        "businessRuleTask" => ("Bedrijfsregeltaak", "Business rule task"),
        "sendTask" => ("Verzendtaak", "Send task"),
        "receiveTask" => ("Ontvangsttaak", "Receive task"),
        "manualTask" => ("Handmatige taak", "Manual task"),
        "userTask" => ("Gebruikerstaak", "User task"),
        "task" => ("Taak", "Task"),
        "callActivity" => ("Aanroepactiviteit", "Call activity"),
        "process" => ("Proces", "Process"),
        "participant" => ("Deelnemer (pool)", "Participant (pool)"),
        "messageFlow" => ("Berichtenstroom", "Message flow"),
        "multiInstanceLoopCharacteristics" => ("Meervoudige uitvoering", "Multi-instance"),
        "standardLoopCharacteristics" => ("Herhaling", "Loop"),
        _ => (element, element),
    };

    /// <summary>True when <paramref name="id"/> can be an XML id (an NCName).</summary>
    public static bool IsXmlId(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return false;
        }
        try
        {
            XmlConvert.VerifyNCName(id);
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    internal static string? Text(ActivityDefinition activity, string property) =>
        activity.Properties?[property] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue(out string? text) ? text : null;
}
