using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Expressions;

namespace LsiWorkflow.Engine.Activities;

/// <summary>
/// The activity types known to a host: the built-ins plus any from the host's own assemblies.
/// Descriptors are read from the classes' attributes, so a new activity needs no designer code.
/// </summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, ActivityDescriptor> _byType = new(StringComparer.Ordinal);

    /// <summary>Options used to turn property JSON into the activity's C# property values.</summary>
    internal static JsonSerializerOptions BindingOptions { get; } = CreateBindingOptions();

    /// <summary>Registers the given activity classes.</summary>
    public ActivityRegistry(IEnumerable<Type> activityTypes)
    {
        ArgumentNullException.ThrowIfNull(activityTypes);
        foreach (var type in activityTypes)
        {
            var descriptor = Describe(type);
            if (!_byType.TryAdd(descriptor.Type, descriptor))
            {
                throw new ArgumentException($"Activity type '{descriptor.Type}' is registered twice ({type.FullName}).", nameof(activityTypes));
            }
        }
        Descriptors = [.. _byType.Values.OrderBy(d => d.Category, StringComparer.Ordinal).ThenBy(d => d.Type, StringComparer.Ordinal)];
    }

    /// <summary>The built-in activities only.</summary>
    public static ActivityRegistry CreateDefault() => FromAssemblies();

    /// <summary>The built-in activities plus every concrete <see cref="Activity"/> with <see cref="ActivityAttribute"/> in the assemblies.</summary>
    public static ActivityRegistry FromAssemblies(params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var all = new[] { typeof(Activity).Assembly }.Concat(assemblies).Distinct();
        var types = all
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(Activity).IsAssignableFrom(t) && t.GetCustomAttribute<ActivityAttribute>() is not null);
        return new ActivityRegistry(types);
    }

    /// <summary>Every registered type, by category and name.</summary>
    public IReadOnlyList<ActivityDescriptor> Descriptors { get; }

    /// <summary>Finds a descriptor by stable type name, or null.</summary>
    public ActivityDescriptor? Find(string type) => _byType.GetValueOrDefault(type);

    /// <summary>Makes an activity without binding properties (used for validation hooks).</summary>
    internal static Activity Instantiate(ActivityDescriptor descriptor) => (Activity)Activator.CreateInstance(descriptor.ClrType)!;

    /// <summary>
    /// Makes an activity for one execution and binds its properties: expression objects are evaluated and
    /// template properties rendered against <paramref name="scope"/>. Without a scope only literal values bind
    /// (templates stay unrendered), which is what a host needs to ask a TimerStart for its next occurrence.
    /// </summary>
    public Activity Create(ActivityDefinition definition, ExpressionEngine? expressions = null, ExpressionScope? scope = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var descriptor = Find(definition.Type)
            ?? throw new InvalidOperationException($"Onbekend activiteitstype '{definition.Type}'.");
        var activity = Instantiate(descriptor);
        foreach (var property in descriptor.Properties)
        {
            JsonNode? raw = null;
            if (definition.Properties is not null && definition.Properties.TryGetPropertyValue(property.Name, out var given))
            {
                raw = given;
            }
            raw ??= property.Default;
            if (raw is null)
            {
                continue;
            }
            var resolved = Resolve(raw, property.Kind, expressions, scope, property.Name);
            if (resolved is null)
            {
                continue;
            }
            object? value;
            try
            {
                value = resolved.Deserialize(property.ClrProperty.PropertyType, BindingOptions);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
            {
                throw new InvalidOperationException($"Eigenschap '{property.Name}' van activiteit '{definition.Id}' heeft een waarde van de verkeerde soort: {resolved.ToJsonString()}", ex);
            }
            property.ClrProperty.SetValue(activity, value);
        }
        return activity;
    }

    /// <summary>True when <paramref name="node"/> is an expression object <c>{ "expr": "..." }</c>.</summary>
    public static bool IsExpression(JsonNode? node, out string expression)
    {
        if (node is JsonObject { Count: 1 } obj && obj.TryGetPropertyValue("expr", out var value)
            && value is JsonValue v && v.TryGetValue(out string? text))
        {
            expression = text;
            return true;
        }
        expression = "";
        return false;
    }

    private static JsonNode? Resolve(JsonNode node, PropertyKind kind, ExpressionEngine? expressions, ExpressionScope? scope, string name)
    {
        if (IsExpression(node, out var expression))
        {
            if (expressions is null || scope is null)
            {
                throw new InvalidOperationException($"Eigenschap '{name}' is een expressie en kan alleen tijdens uitvoering worden bepaald.");
            }
            return expressions.Evaluate(expression, scope);
        }
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    copy[key] = value is null ? null : Resolve(value, PropertyKind.Object, expressions, scope, $"{name}.{key}");
                }
                return copy;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var value in array)
                {
                    items.Add(value is null ? null : Resolve(value, PropertyKind.Object, expressions, scope, name));
                }
                return items;
            default:
                if (kind == PropertyKind.Template && expressions is not null && scope is not null
                    && node is JsonValue text && text.TryGetValue(out string? template))
                {
                    return JsonValue.Create(expressions.Render(template, scope));
                }
                return node.DeepClone();
        }
    }

    private static ActivityDescriptor Describe(Type type)
    {
        if (!typeof(Activity).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new ArgumentException($"{type.FullName} is not a concrete activity.", nameof(type));
        }
        var attribute = type.GetCustomAttribute<ActivityAttribute>()
            ?? throw new ArgumentException($"{type.FullName} has no [Activity] attribute.", nameof(type));
        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new ArgumentException($"{type.FullName} needs a public parameterless constructor.", nameof(type));
        }
        var outcomes = type.GetCustomAttribute<OutcomesAttribute>();
        var properties = new List<PropertyDescriptor>();
        foreach (var clr in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            var meta = clr.GetCustomAttribute<ActivityPropertyAttribute>();
            if (meta is null)
            {
                continue;
            }
            properties.Add(new PropertyDescriptor
            {
                Name = JsonNamingPolicy.CamelCase.ConvertName(clr.Name),
                Kind = meta.Kind,
                DisplayName = meta.DisplayName,
                Required = meta.Required,
                Choices = meta.Choices,
                Default = meta.Default is null ? null : JsonSerializer.SerializeToNode(meta.Default, meta.Default.GetType(), BindingOptions),
                Description = meta.Description,
                SupportsExpression = meta.SupportsExpression,
                ClrProperty = clr,
            });
        }
        return new ActivityDescriptor
        {
            Type = attribute.Type,
            Category = attribute.Category,
            DisplayName = attribute.DisplayName ?? attribute.Type,
            Description = attribute.Description,
            Properties = properties,
            Outcomes = outcomes?.Outcomes ?? [],
            OutcomesProperty = outcomes?.FromProperty,
            MayWait = attribute.MayWait,
            MayWaitProperty = attribute.MayWaitProperty,
            IsStart = attribute.IsStart,
            ClrType = type,
        };
    }

    private static JsonSerializerOptions CreateBindingOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNameCaseInsensitive = false,
            // A misspelt field inside an object property is an error, not silently dropped.
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
