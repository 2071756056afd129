using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LsiWorkflow.Engine.Activities;

/// <summary>What the designer and the API know about an activity type; serializable to JSON.</summary>
public sealed record ActivityDescriptor
{
    /// <summary>Stable type name.</summary>
    public required string Type { get; init; }

    /// <summary>Toolbox category.</summary>
    public required string Category { get; init; }

    /// <summary>Dutch display name.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Dutch description.</summary>
    public string? Description { get; init; }

    /// <summary>Properties in declaration order.</summary>
    public required IReadOnlyList<PropertyDescriptor> Properties { get; init; }

    /// <summary>Fixed outcomes.</summary>
    public required IReadOnlyList<string> Outcomes { get; init; }

    /// <summary>Property (JSON name) that lists further outcomes per definition.</summary>
    public string? OutcomesProperty { get; init; }

    /// <summary>Whether the activity can wait on a bookmark.</summary>
    public bool MayWait { get; init; }

    /// <summary>Boolean property (JSON name) that makes the activity wait when true.</summary>
    public string? MayWaitProperty { get; init; }

    /// <summary>Whether an instance can begin here.</summary>
    public bool IsStart { get; init; }

    /// <summary>The CLR class; not part of the JSON.</summary>
    [JsonIgnore]
    public Type ClrType { get; init; } = null!;

    /// <summary>Finds a property by JSON name.</summary>
    public PropertyDescriptor? FindProperty(string name)
    {
        foreach (var property in Properties)
        {
            if (property.Name == name)
            {
                return property;
            }
        }
        return null;
    }
}

/// <summary>One property of an activity type.</summary>
public sealed record PropertyDescriptor
{
    /// <summary>camelCase JSON name.</summary>
    public required string Name { get; init; }

    /// <summary>Editor hint and validation rule.</summary>
    public required PropertyKind Kind { get; init; }

    /// <summary>Dutch display name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Whether a value is needed.</summary>
    public bool Required { get; init; }

    /// <summary>Allowed values of a choice.</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>Default value.</summary>
    public JsonNode? Default { get; init; }

    /// <summary>Dutch description.</summary>
    public string? Description { get; init; }

    /// <summary>Whether an expression object may replace a literal.</summary>
    public bool SupportsExpression { get; init; }

    /// <summary>The C# property; not part of the JSON.</summary>
    [JsonIgnore]
    public PropertyInfo ClrProperty { get; init; } = null!;
}
