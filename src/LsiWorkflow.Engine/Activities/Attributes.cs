using System.Text.Json.Serialization;

namespace LsiWorkflow.Engine.Activities;

/// <summary>Editor hint and validation rule for an activity property.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PropertyKind>))]
public enum PropertyKind
{
    /// <summary>Single-line text.</summary>
    [JsonStringEnumMemberName("text")] Text,
    /// <summary>Multi-line text.</summary>
    [JsonStringEnumMemberName("multilineText")] MultilineText,
    /// <summary>Scriban template, rendered at run time.</summary>
    [JsonStringEnumMemberName("template")] Template,
    /// <summary>Scriban expression source, evaluated by the activity.</summary>
    [JsonStringEnumMemberName("expression")] Expression,
    /// <summary>A number.</summary>
    [JsonStringEnumMemberName("number")] Number,
    /// <summary>true or false.</summary>
    [JsonStringEnumMemberName("boolean")] Boolean,
    /// <summary>Date, yyyy-MM-dd.</summary>
    [JsonStringEnumMemberName("date")] Date,
    /// <summary>ISO-8601 date and time with offset.</summary>
    [JsonStringEnumMemberName("dateTime")] DateTime,
    /// <summary>ISO-8601 duration.</summary>
    [JsonStringEnumMemberName("duration")] Duration,
    /// <summary>List of ISO-8601 durations.</summary>
    [JsonStringEnumMemberName("durationList")] DurationList,
    /// <summary>One of <see cref="ActivityPropertyAttribute.Choices"/>.</summary>
    [JsonStringEnumMemberName("choice")] Choice,
    /// <summary>One organisation.</summary>
    [JsonStringEnumMemberName("organisation")] Organisation,
    /// <summary>Several organisations.</summary>
    [JsonStringEnumMemberName("organisations")] Organisations,
    /// <summary>A role.</summary>
    [JsonStringEnumMemberName("role")] Role,
    /// <summary>A user.</summary>
    [JsonStringEnumMemberName("user")] User,
    /// <summary>List of outcome names.</summary>
    [JsonStringEnumMemberName("outcomeList")] OutcomeList,
    /// <summary>Form field definitions.</summary>
    [JsonStringEnumMemberName("formFields")] FormFields,
    /// <summary>Switch cases: name and condition.</summary>
    [JsonStringEnumMemberName("cases")] Cases,
    /// <summary>List of strings.</summary>
    [JsonStringEnumMemberName("stringList")] StringList,
    /// <summary>Name of a declared variable.</summary>
    [JsonStringEnumMemberName("variable")] Variable,
    /// <summary>Id of another workflow definition.</summary>
    [JsonStringEnumMemberName("workflowId")] WorkflowId,
    /// <summary>A JSON object.</summary>
    [JsonStringEnumMemberName("object")] Object,
    /// <summary>Cron expression (five fields).</summary>
    [JsonStringEnumMemberName("cron")] Cron,
    /// <summary>Start inputs: name, type, required.</summary>
    [JsonStringEnumMemberName("inputs")] Inputs,
}

/// <summary>Marks a class as an activity type with a stable name.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string type) : Attribute
{
    /// <summary>Stable type name used in definitions, e.g. <c>HumanTask</c>.</summary>
    public string Type { get; } = type;

    /// <summary>Category in the designer's toolbox.</summary>
    public string Category { get; set; } = "Algemeen";

    /// <summary>Dutch display name.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Dutch description.</summary>
    public string? Description { get; set; }

    /// <summary>Whether the activity can wait on a bookmark; a loop needs one such activity.</summary>
    public bool MayWait { get; set; }

    /// <summary>A boolean property that, when true or an expression, makes the activity wait.</summary>
    public string? MayWaitProperty { get; set; }

    /// <summary>Whether an instance can begin at this activity.</summary>
    public bool IsStart { get; set; }
}

/// <summary>Marks a C# property as a definition property of the activity.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class ActivityPropertyAttribute : Attribute
{
    /// <summary>Editor hint and validation rule.</summary>
    public PropertyKind Kind { get; set; } = PropertyKind.Text;

    /// <summary>Whether the definition must give a value.</summary>
    public bool Required { get; set; }

    /// <summary>Allowed values for <see cref="PropertyKind.Choice"/>.</summary>
    public string[]? Choices { get; set; }

    /// <summary>Dutch display name.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Dutch description.</summary>
    public string? Description { get; set; }

    /// <summary>Default value (a constant) used when the definition gives none.</summary>
    public object? Default { get; set; }

    /// <summary>Whether an <c>{ "expr": ... }</c> object may replace a literal value.</summary>
    public bool SupportsExpression { get; set; } = true;
}

/// <summary>The fixed outcomes of an activity; the first is the positive one.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OutcomesAttribute(params string[] outcomes) : Attribute
{
    /// <summary>Fixed outcome names.</summary>
    public IReadOnlyList<string> Outcomes { get; } = outcomes;

    /// <summary>A property whose list (of strings, or of objects with <c>name</c>) adds outcomes per definition.</summary>
    public string? FromProperty { get; set; }
}
