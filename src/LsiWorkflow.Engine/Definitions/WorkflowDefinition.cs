using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LsiWorkflow.Engine.Definitions;

/// <summary>
/// A workflow definition: a flowchart of activities joined by connections, as stored in our own JSON format.
/// </summary>
public sealed record WorkflowDefinition
{
    /// <summary>The only format version this engine reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The longest <see cref="Name"/>, in characters (Unicode code points): the length the store keeps.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Version of the JSON format (not of the workflow).</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Stable id, e.g. <c>project-approval</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>Name shown to people.</summary>
    public string Name { get; init; } = "";

    /// <summary>Version of this workflow; an instance stays on the version it started with.</summary>
    public int Version { get; init; } = 1;

    /// <summary>Optional description.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    /// <summary>Declared workflow variables.</summary>
    public IReadOnlyList<VariableDefinition> Variables { get; init; } = [];

    /// <summary>The activities (nodes) of the flowchart.</summary>
    public IReadOnlyList<ActivityDefinition> Activities { get; init; } = [];

    /// <summary>The connections (edges) of the flowchart.</summary>
    public IReadOnlyList<ConnectionDefinition> Connections { get; init; } = [];

    /// <summary>Finds an activity by id, or null.</summary>
    public ActivityDefinition? FindActivity(string id)
    {
        foreach (var activity in Activities)
        {
            if (activity.Id == id)
            {
                return activity;
            }
        }
        return null;
    }
}

/// <summary>A declared workflow variable.</summary>
public sealed record VariableDefinition
{
    /// <summary>Variable name, usable in expressions as <c>variables.name</c> and as <c>name</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>One of <see cref="VariableTypes.All"/>.</summary>
    public string Type { get; init; } = VariableTypes.String;

    /// <summary>Initial value; absent means null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonNode? Default { get; init; }
}

/// <summary>The variable and input types a definition may declare.</summary>
public static class VariableTypes
{
    /// <summary>Text.</summary>
    public const string String = "string";
    /// <summary>A JSON number.</summary>
    public const string Number = "number";
    /// <summary>true or false.</summary>
    public const string Boolean = "boolean";
    /// <summary>A date as yyyy-MM-dd.</summary>
    public const string Date = "date";
    /// <summary>An ISO-8601 date and time with offset.</summary>
    public const string DateTime = "datetime";
    /// <summary>An ISO-8601 duration such as P14D.</summary>
    public const string Duration = "duration";
    /// <summary>A JSON object.</summary>
    public const string Object = "object";
    /// <summary>A JSON array.</summary>
    public const string Array = "array";

    /// <summary>Every supported type name.</summary>
    public static IReadOnlyList<string> All { get; } = [String, Number, Boolean, Date, DateTime, Duration, Object, Array];
}

/// <summary>An activity (node) in a definition.</summary>
public sealed record ActivityDefinition
{
    /// <summary>Id, unique within the definition.</summary>
    public string Id { get; init; } = "";

    /// <summary>Stable activity type name such as <c>HumanTask</c>.</summary>
    public string Type { get; init; } = "";

    /// <summary>Label in the designer.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DisplayName { get; init; }

    /// <summary>Designer position.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Position? Position { get; init; }

    /// <summary>
    /// Property values: literal JSON, <c>{ "expr": "..." }</c> expression objects, or Scriban templates for
    /// template properties. Kept as JSON so that a round trip loses nothing.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Properties { get; init; }
}

/// <summary>Designer coordinates of an activity.</summary>
/// <param name="X">Horizontal position.</param>
/// <param name="Y">Vertical position.</param>
public sealed record Position(double X, double Y);

/// <summary>A connection from an outcome of one activity to another activity.</summary>
public sealed record ConnectionDefinition
{
    /// <summary>The outcome used when a connection names none.</summary>
    public const string DefaultOutcome = "Done";

    /// <summary>Source activity id.</summary>
    public string Source { get; init; } = "";

    /// <summary>Outcome of the source; absent means <see cref="DefaultOutcome"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Outcome { get; init; }

    /// <summary>Target activity id.</summary>
    public string Target { get; init; } = "";

    /// <summary>The outcome this connection follows.</summary>
    [JsonIgnore]
    public string EffectiveOutcome => Outcome ?? DefaultOutcome;
}
