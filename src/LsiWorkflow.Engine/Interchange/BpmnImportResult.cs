using LsiWorkflow.Engine.Definitions;

namespace LsiWorkflow.Engine.Interchange;

/// <summary>What reading a BPMN file gave: a draft definition and every element that was not (fully) taken over.</summary>
/// <param name="Definition">The draft; run the validator on it before saving, as for any draft.</param>
/// <param name="Issues">Elements not taken over, or taken over with a change worth a look, in document order.</param>
public sealed record BpmnImportResult(WorkflowDefinition Definition, IReadOnlyList<BpmnImportIssue> Issues);

/// <summary>One element of a BPMN file that was not taken over, or only in part.</summary>
/// <param name="ElementId">The element's id in the file.</param>
/// <param name="Name">The element's name, if it has one.</param>
/// <param name="Element">The element's kind as written, e.g. <c>bpmn:boundaryEvent</c>.</param>
/// <param name="Reason">One of <see cref="BpmnImportReasons"/>.</param>
public sealed record BpmnImportIssue(string ElementId, string? Name, string Element, string Reason)
{
    /// <summary>The message in Dutch, e.g. "Grensgebeurtenis 'Herinnering' (bpmn:boundaryEvent) is niet overgenomen: ...".</summary>
    public string Dutch => $"{BpmnVocabulary.KindName(LocalName).Dutch} {Label} ({Element}) {BpmnImportReasons.Dutch(Reason)}";

    /// <summary>The message in English.</summary>
    public string English => $"{BpmnVocabulary.KindName(LocalName).English} {Label} ({Element}) {BpmnImportReasons.English(Reason)}";

    private string LocalName => Element.Contains(':', StringComparison.Ordinal) ? Element[(Element.IndexOf(':', StringComparison.Ordinal) + 1)..] : Element;

    private string Label => string.IsNullOrWhiteSpace(Name) ? ElementId : $"'{Name}'";
}

/// <summary>Why an element was not taken over; stable codes for the user interface to translate.</summary>
public static class BpmnImportReasons
{
    /// <summary>Workflows have no such element (data objects, annotations, associations, groups, lanes).</summary>
    public const string UnsupportedElement = "unsupported-element";
    /// <summary>An event attached to the boundary of an activity.</summary>
    public const string BoundaryEvent = "boundary-event";
    /// <summary>An inclusive, event-based or complex gateway.</summary>
    public const string UnsupportedGateway = "unsupported-gateway";
    /// <summary>An event of a kind workflows cannot wait for or start on.</summary>
    public const string UnsupportedEvent = "unsupported-event";
    /// <summary>A service, script or business rule task: no activity does what it does.</summary>
    public const string UnsupportedTask = "unsupported-task";
    /// <summary>A sub-process, transaction or ad-hoc sub-process.</summary>
    public const string SubProcess = "sub-process";
    /// <summary>A sequence flow whose source or target was not taken over.</summary>
    public const string FlowNotConnected = "flow-not-connected";
    /// <summary>A second process or pool; only the first one is read.</summary>
    public const string OtherProcess = "other-process";
    /// <summary>A condition on a flow leaving an activity that always goes on; the flow is kept without it.</summary>
    public const string ConditionIgnored = "condition-ignored";
    /// <summary>A condition taken over as text from another expression language; taken over, but check it.</summary>
    public const string ConditionNeedsReview = "condition-needs-review";
    /// <summary>Our own extension data on the element could not be read; the element was read as plain BPMN.</summary>
    public const string InvalidExtension = "invalid-extension";
    /// <summary>A timer whose kind the activity cannot express (e.g. a cycle on a wait); the activity was kept without it.</summary>
    public const string TimerNotMapped = "timer-not-mapped";

    /// <summary>The Dutch end of the message for a reason.</summary>
    public static string Dutch(string reason) => reason switch
    {
        UnsupportedElement => "is niet overgenomen: een workflow kent zo'n element niet.",
        BoundaryEvent => "is niet overgenomen: een workflow kent geen gebeurtenissen aan de rand van een activiteit (gebruik de termijn en herinneringen van de taak).",
        UnsupportedGateway => "is niet overgenomen: alleen exclusieve en parallelle gateways worden overgenomen.",
        UnsupportedEvent => "is niet overgenomen: op zo'n gebeurtenis kan een workflow niet starten of wachten.",
        UnsupportedTask => "is niet overgenomen: geen activiteit doet wat deze taak doet; kies er zelf een.",
        SubProcess => "is niet overgenomen: maak van een subproces een aparte workflow en start die met 'Start workflow'.",
        FlowNotConnected => "is niet overgenomen: het begin of het eind ervan is niet overgenomen.",
        OtherProcess => "is niet overgenomen: alleen het eerste proces wordt overgenomen.",
        ConditionIgnored => "is overgenomen zonder voorwaarde: na deze activiteit gaat de workflow altijd verder.",
        ConditionNeedsReview => "is overgenomen, maar de voorwaarde is in een andere taal geschreven: controleer haar.",
        InvalidExtension => "is als gewoon BPMN-element overgenomen: de LSI-gegevens erin zijn onleesbaar.",
        TimerNotMapped => "is overgenomen zonder tijdsaanduiding: die soort kent deze activiteit niet.",
        _ => "is niet overgenomen.",
    };

    /// <summary>The English end of the message for a reason.</summary>
    public static string English(string reason) => reason switch
    {
        UnsupportedElement => "was not taken over: workflows have no such element.",
        BoundaryEvent => "was not taken over: workflows have no events on the boundary of an activity (use the task's due date and reminders).",
        UnsupportedGateway => "was not taken over: only exclusive and parallel gateways are taken over.",
        UnsupportedEvent => "was not taken over: a workflow cannot start on or wait for such an event.",
        UnsupportedTask => "was not taken over: no activity does what this task does; choose one yourself.",
        SubProcess => "was not taken over: make a sub-process a workflow of its own and start it with 'Start workflow'.",
        FlowNotConnected => "was not taken over: its source or its target was not taken over.",
        OtherProcess => "was not taken over: only the first process is taken over.",
        ConditionIgnored => "was taken over without its condition: after this activity the workflow always goes on.",
        ConditionNeedsReview => "was taken over, but its condition is written in another language: check it.",
        InvalidExtension => "was read as a plain BPMN element: its LSI data cannot be read.",
        TimerNotMapped => "was taken over without its time: this activity has no such kind of time.",
        _ => "was not taken over.",
    };
}

/// <summary>The file is not BPMN 2.0 XML that can be read at all.</summary>
public sealed class BpmnFormatException(string message, Exception? inner = null) : Exception(message, inner);
