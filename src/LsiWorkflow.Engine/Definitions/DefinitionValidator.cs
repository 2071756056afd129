using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cronos;
using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Engine.Expressions;

namespace LsiWorkflow.Engine.Definitions;

/// <summary>
/// Checks a definition and reports every problem at once, each with a JSON path and a Dutch message.
/// The structural rules match <c>workflows/workflow.schema.json</c>.
/// </summary>
public sealed partial class DefinitionValidator
{
    private static readonly string[] TopLevelFields = ["schemaVersion", "id", "name", "version", "description", "variables", "activities", "connections"];
    private static readonly string[] VariableFields = ["name", "type", "default"];
    private static readonly string[] ActivityFields = ["id", "type", "displayName", "position", "properties"];
    private static readonly string[] ConnectionFields = ["source", "outcome", "target"];

    private readonly ActivityRegistry _registry;
    private readonly ExpressionEngine _expressions;

    /// <summary>Creates a validator for the activity types of <paramref name="registry"/>.</summary>
    public DefinitionValidator(ActivityRegistry registry, ExpressionEngine? expressions = null)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _expressions = expressions ?? new ExpressionEngine();
    }

    /// <summary>Validates definition JSON, structure included.</summary>
    public ValidationResult Validate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var problems = new List<ValidationProblem>();
        JsonNode? root;
        try
        {
            // A duplicated name would otherwise surface later, as an exception of the node model instead of a problem.
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            problems.Add(new(ValidationCodes.InvalidJson, "$", $"De definitie is geen geldige JSON: {ex.Message}"));
            return new ValidationResult(problems);
        }
        if (root is not JsonObject obj)
        {
            problems.Add(new(ValidationCodes.WrongFieldType, "$", "De definitie moet een JSON-object zijn."));
            return new ValidationResult(problems);
        }
        var definition = ReadStructure(obj, problems);
        CheckSemantics(definition, problems);
        return new ValidationResult(problems);
    }

    /// <summary>Validates a definition already read into the model.</summary>
    public ValidationResult Validate(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<ValidationProblem>();
        if (string.IsNullOrWhiteSpace(definition.Id))
        {
            problems.Add(new(ValidationCodes.MissingField, "$.id", "De definitie heeft geen id."));
        }
        if (string.IsNullOrWhiteSpace(definition.Name))
        {
            problems.Add(new(ValidationCodes.MissingField, "$.name", "De definitie heeft geen naam."));
        }
        for (var i = 0; i < definition.Activities.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(definition.Activities[i].Id))
            {
                problems.Add(new(ValidationCodes.MissingField, $"$.activities[{i}].id", $"Activiteit {i + 1} heeft geen id."));
            }
        }
        CheckSemantics(definition, problems);
        return new ValidationResult(problems);
    }

    // ---- structure -------------------------------------------------------------------------------------------

    private static WorkflowDefinition ReadStructure(JsonObject root, List<ValidationProblem> problems)
    {
        CheckFields(root, "$", TopLevelFields, problems);
        var schemaVersion = ReadInt(root, "schemaVersion", "$", problems, required: true) ?? WorkflowDefinition.CurrentSchemaVersion;
        var id = ReadString(root, "id", "$", problems, required: true, nonEmpty: true);
        if (id is not null && !string.IsNullOrWhiteSpace(id) && !DefinitionIdPattern().IsMatch(id))
        {
            problems.Add(new(ValidationCodes.WrongFieldType, "$.id",
                "Het id bestaat uit letters, cijfers, '-', '_' en '.', begint met een letter of cijfer en telt hoogstens 100 tekens: het staat in adressen."));
        }
        var name = ReadString(root, "name", "$", problems, required: true, nonEmpty: true);
        var version = ReadInt(root, "version", "$", problems, required: true) ?? 1;
        if (version < 1)
        {
            problems.Add(new(ValidationCodes.WrongFieldType, "$.version", "De versie moet 1 of hoger zijn."));
        }
        var description = ReadString(root, "description", "$", problems, required: false);

        var variables = ReadArray(root, "variables", "$", problems, (node, path) =>
        {
            CheckFields(node, path, VariableFields, problems);
            return new VariableDefinition
            {
                Name = ReadString(node, "name", path, problems, required: true, nonEmpty: true) ?? "",
                Type = ReadString(node, "type", path, problems, required: true) ?? VariableTypes.String,
                Default = node["default"]?.DeepClone(),
            };
        });
        var activities = ReadArray(root, "activities", "$", problems, (node, path) =>
        {
            CheckFields(node, path, ActivityFields, problems);
            Position? position = null;
            if (node.TryGetPropertyValue("position", out var p))
            {
                if (p is JsonObject positionObject)
                {
                    CheckFields(positionObject, $"{path}.position", ["x", "y"], problems);
                    var x = ReadNumber(positionObject, "x", $"{path}.position", problems);
                    var y = ReadNumber(positionObject, "y", $"{path}.position", problems);
                    position = new Position(x ?? 0, y ?? 0);
                }
                else
                {
                    problems.Add(new(ValidationCodes.WrongFieldType, $"{path}.position", "'position' moet een object met x en y zijn."));
                }
            }
            JsonObject? properties = null;
            if (node.TryGetPropertyValue("properties", out var props))
            {
                properties = props as JsonObject;
                if (properties is null)
                {
                    problems.Add(new(ValidationCodes.WrongFieldType, $"{path}.properties", "'properties' moet een object zijn."));
                }
            }
            return new ActivityDefinition
            {
                Id = ReadString(node, "id", path, problems, required: true, nonEmpty: true) ?? "",
                Type = ReadString(node, "type", path, problems, required: true, nonEmpty: true) ?? "",
                DisplayName = ReadString(node, "displayName", path, problems, required: false),
                Position = position,
                Properties = (JsonObject?)properties?.DeepClone(),
            };
        });
        var connections = ReadArray(root, "connections", "$", problems, (node, path) =>
        {
            CheckFields(node, path, ConnectionFields, problems);
            return new ConnectionDefinition
            {
                Source = ReadString(node, "source", path, problems, required: true, nonEmpty: true) ?? "",
                Outcome = ReadString(node, "outcome", path, problems, required: false, nonEmpty: true),
                Target = ReadString(node, "target", path, problems, required: true, nonEmpty: true) ?? "",
            };
        });

        return new WorkflowDefinition
        {
            SchemaVersion = schemaVersion,
            Id = id ?? "",
            Name = name ?? "",
            Version = version,
            Description = description,
            Variables = variables,
            Activities = activities,
            Connections = connections,
        };
    }

    private static void CheckFields(JsonObject node, string path, string[] allowed, List<ValidationProblem> problems)
    {
        foreach (var (name, _) in node)
        {
            if (!allowed.Contains(name))
            {
                problems.Add(new(ValidationCodes.UnknownField, $"{path}.{name}", $"Onbekend veld '{name}'."));
            }
        }
    }

    private static string? ReadString(JsonObject node, string field, string path, List<ValidationProblem> problems, bool required, bool nonEmpty = false)
    {
        if (!node.TryGetPropertyValue(field, out var value) || value is null)
        {
            if (required)
            {
                problems.Add(new(ValidationCodes.MissingField, $"{path}.{field}", $"Het verplichte veld '{field}' ontbreekt."));
            }
            return null;
        }
        var text = ActivityValidationContext.Text(value);
        if (text is null || (nonEmpty && string.IsNullOrWhiteSpace(text)))
        {
            problems.Add(new(ValidationCodes.WrongFieldType, $"{path}.{field}", $"Het veld '{field}' moet een {(nonEmpty ? "niet-lege " : "")}tekst zijn."));
            return null;
        }
        return text;
    }

    private static int? ReadInt(JsonObject node, string field, string path, List<ValidationProblem> problems, bool required)
    {
        if (!node.TryGetPropertyValue(field, out var value) || value is null)
        {
            if (required)
            {
                problems.Add(new(ValidationCodes.MissingField, $"{path}.{field}", $"Het verplichte veld '{field}' ontbreekt."));
            }
            return null;
        }
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out int number))
        {
            return number;
        }
        problems.Add(new(ValidationCodes.WrongFieldType, $"{path}.{field}", $"Het veld '{field}' moet een geheel getal zijn."));
        return null;
    }

    private static double? ReadNumber(JsonObject node, string field, string path, List<ValidationProblem> problems)
    {
        if (node[field] is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            return v.GetValue<double>();
        }
        problems.Add(new(node.ContainsKey(field) ? ValidationCodes.WrongFieldType : ValidationCodes.MissingField, $"{path}.{field}", $"Het veld '{field}' moet een getal zijn."));
        return null;
    }

    private static List<T> ReadArray<T>(JsonObject node, string field, string path, List<ValidationProblem> problems, Func<JsonObject, string, T> read)
        where T : new()
    {
        var result = new List<T>();
        if (!node.TryGetPropertyValue(field, out var value) || value is null)
        {
            problems.Add(new(ValidationCodes.MissingField, $"{path}.{field}", $"Het verplichte veld '{field}' ontbreekt."));
            return result;
        }
        if (value is not JsonArray array)
        {
            problems.Add(new(ValidationCodes.WrongFieldType, $"{path}.{field}", $"Het veld '{field}' moet een lijst zijn."));
            return result;
        }
        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = $"{path}.{field}[{i}]";
            if (array[i] is JsonObject item)
            {
                result.Add(read(item, itemPath));
            }
            else
            {
                problems.Add(new(ValidationCodes.WrongFieldType, itemPath, "Elk element moet een object zijn."));
                // Keep indexes aligned with the JSON so later paths stay right.
                result.Add(new T());
            }
        }
        return result;
    }

    // ---- meaning ---------------------------------------------------------------------------------------------

    private void CheckSemantics(WorkflowDefinition definition, List<ValidationProblem> problems)
    {
        if (definition.SchemaVersion != WorkflowDefinition.CurrentSchemaVersion)
        {
            problems.Add(new(ValidationCodes.UnsupportedSchemaVersion, "$.schemaVersion", $"Schemaversie {definition.SchemaVersion} wordt niet ondersteund; gebruik {WorkflowDefinition.CurrentSchemaVersion}."));
        }
        var variableNames = CheckVariables(definition, problems);

        var activities = new Dictionary<string, (int Index, ActivityDefinition Definition, ActivityDescriptor? Descriptor)>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Activities.Count; i++)
        {
            var activity = definition.Activities[i];
            var path = $"$.activities[{i}]";
            if (string.IsNullOrEmpty(activity.Id))
            {
                continue;
            }
            if (activities.ContainsKey(activity.Id))
            {
                problems.Add(new(ValidationCodes.DuplicateActivityId, $"{path}.id", $"De id '{activity.Id}' komt meer dan eens voor.", activity.Id));
                continue;
            }
            var descriptor = string.IsNullOrEmpty(activity.Type) ? null : _registry.Find(activity.Type);
            activities[activity.Id] = (i, activity, descriptor);
            if (descriptor is null)
            {
                if (!string.IsNullOrEmpty(activity.Type))
                {
                    problems.Add(new(ValidationCodes.UnknownActivityType, $"{path}.type", $"Onbekend activiteitstype '{activity.Type}'.", activity.Id));
                }
                continue;
            }
            CheckProperties(definition, activity, descriptor, path, variableNames, problems);
        }

        var starts = activities.Values.Where(a => a.Descriptor?.IsStart == true).Select(a => a.Definition.Id).ToList();
        if (starts.Count == 0)
        {
            problems.Add(new(ValidationCodes.NoStart, "$.activities", "De workflow heeft geen Start of geplande start (TimerStart)."));
        }

        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Connections.Count; i++)
        {
            var connection = definition.Connections[i];
            var path = $"$.connections[{i}]";
            var sourceKnown = activities.TryGetValue(connection.Source, out var source);
            if (!sourceKnown && !string.IsNullOrEmpty(connection.Source))
            {
                problems.Add(new(ValidationCodes.MissingConnectionSource, $"{path}.source", $"Verbinding vanaf '{connection.Source}', maar die activiteit bestaat niet."));
            }
            if (!activities.ContainsKey(connection.Target) && !string.IsNullOrEmpty(connection.Target))
            {
                problems.Add(new(ValidationCodes.MissingConnectionTarget, $"{path}.target", $"Verbinding naar '{connection.Target}', maar die activiteit bestaat niet.", sourceKnown ? connection.Source : null));
            }
            if (sourceKnown && source.Descriptor is { } descriptor && Outcomes(source.Definition, descriptor) is { } outcomes
                && !outcomes.Contains(connection.EffectiveOutcome))
            {
                var offered = outcomes.Count == 0 ? "geen uitkomsten" : $"alleen {string.Join(", ", outcomes)}";
                problems.Add(new(ValidationCodes.UnknownOutcome, $"{path}.outcome", $"Activiteit '{connection.Source}' heeft geen uitkomst '{connection.EffectiveOutcome}' ({offered}).", connection.Source));
            }
            if (sourceKnown && activities.ContainsKey(connection.Target))
            {
                if (!edges.TryGetValue(connection.Source, out var targets))
                {
                    edges[connection.Source] = targets = [];
                }
                targets.Add(connection.Target);
            }
        }

        CheckReachability(activities, starts, edges, problems);
        CheckLoops(activities, edges, problems);
    }

    private static HashSet<string> CheckVariables(WorkflowDefinition definition, List<ValidationProblem> problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Variables.Count; i++)
        {
            var variable = definition.Variables[i];
            var path = $"$.variables[{i}]";
            if (string.IsNullOrEmpty(variable.Name))
            {
                continue;
            }
            if (!names.Add(variable.Name))
            {
                problems.Add(new(ValidationCodes.DuplicateVariable, $"{path}.name", $"De variabele '{variable.Name}' is meer dan eens gedeclareerd."));
            }
            if (!VariableTypes.All.Contains(variable.Type))
            {
                problems.Add(new(ValidationCodes.UnknownVariableType, $"{path}.type", $"Onbekend type '{variable.Type}'; kies uit {string.Join(", ", VariableTypes.All)}."));
            }
            else if (variable.Default is { } value && !JsonTypes.Matches(value, variable.Type))
            {
                problems.Add(new(ValidationCodes.InvalidVariableDefault, $"{path}.default", $"De beginwaarde past niet bij type {variable.Type}."));
            }
        }
        return names;
    }

    /// <summary>The outcomes an activity offers, or null when they come from an expression and cannot be known.</summary>
    private static List<string>? Outcomes(ActivityDefinition activity, ActivityDescriptor descriptor)
    {
        var outcomes = new List<string>(descriptor.Outcomes);
        if (descriptor.OutcomesProperty is not { } property)
        {
            return outcomes;
        }
        var value = activity.Properties?[property];
        if (ActivityRegistry.IsExpression(value, out _))
        {
            return null;
        }
        if (value is JsonArray items)
        {
            foreach (var item in items)
            {
                if ((ActivityValidationContext.Text(item) ?? ActivityValidationContext.Field(item, "name")) is { } name)
                {
                    outcomes.Add(name);
                }
            }
        }
        return outcomes;
    }

    private void CheckProperties(WorkflowDefinition definition, ActivityDefinition activity, ActivityDescriptor descriptor, string path, HashSet<string> variables, List<ValidationProblem> problems)
    {
        var properties = activity.Properties ?? [];
        foreach (var (name, value) in properties)
        {
            var propertyPath = $"{path}.properties.{name}";
            var property = descriptor.FindProperty(name);
            if (property is null)
            {
                problems.Add(new(ValidationCodes.UnknownProperty, propertyPath, $"Activiteitstype '{descriptor.Type}' heeft geen eigenschap '{name}'.", activity.Id));
                continue;
            }
            if (value is null)
            {
                continue;
            }
            var before = problems.Count;
            CheckValue(property, value, propertyPath, activity.Id, variables, problems);
            if (problems.Count == before)
            {
                CheckBinding(property, value, propertyPath, activity.Id, problems);
            }
        }
        foreach (var property in descriptor.Properties.Where(p => p.Required && p.Default is null))
        {
            if (properties[property.Name] is null)
            {
                problems.Add(new(ValidationCodes.MissingRequiredProperty, $"{path}.properties.{property.Name}", $"De verplichte eigenschap '{property.DisplayName ?? property.Name}' ontbreekt.", activity.Id));
            }
        }
        ActivityRegistry.Instantiate(descriptor).Validate(new ActivityValidationContext(definition, activity, path, _expressions, problems));
    }

    private void CheckValue(PropertyDescriptor property, JsonNode value, string path, string activityId, HashSet<string> variables, List<ValidationProblem> problems)
    {
        void Report(string code, string message, string? at = null) => problems.Add(new(code, at ?? path, message, activityId));

        if (ActivityRegistry.IsExpression(value, out var expression))
        {
            if (!property.SupportsExpression)
            {
                Report(ValidationCodes.WrongPropertyType, $"Eigenschap '{property.Name}' moet een vaste waarde zijn, geen expressie.");
            }
            else if (_expressions.Check(expression, isTemplate: false) is { } error)
            {
                Report(ValidationCodes.InvalidExpression, error, $"{path}.expr");
            }
            return;
        }
        CheckNestedExpressions(value, path, activityId, problems);

        var text = ActivityValidationContext.Text(value);
        var kind = value.GetValueKind();
        string? expected = null;
        switch (property.Kind)
        {
            case PropertyKind.Text or PropertyKind.MultilineText or PropertyKind.Organisation or PropertyKind.Role
                or PropertyKind.User or PropertyKind.WorkflowId:
                expected = text is null ? "een tekst" : null;
                break;
            case PropertyKind.Variable:
                expected = text is null ? "een variabelenaam" : null;
                if (text is not null && !variables.Contains(text))
                {
                    Report(ValidationCodes.UnknownVariable, $"Variabele '{text}' is niet gedeclareerd.");
                }
                break;
            case PropertyKind.Template:
                expected = text is null ? "een sjabloon (tekst)" : null;
                if (text is not null && _expressions.Check(text, isTemplate: true) is { } templateError)
                {
                    Report(ValidationCodes.InvalidTemplate, templateError);
                }
                break;
            case PropertyKind.Expression:
                expected = text is null ? "een expressie (tekst)" : null;
                if (text is not null && _expressions.Check(text, isTemplate: false) is { } expressionError)
                {
                    Report(ValidationCodes.InvalidExpression, expressionError);
                }
                break;
            case PropertyKind.Number:
                expected = kind == JsonValueKind.Number ? null : "een getal";
                break;
            case PropertyKind.Boolean:
                expected = kind is JsonValueKind.True or JsonValueKind.False ? null : "true of false";
                break;
            case PropertyKind.Date:
                expected = text is null ? "een datum" : null;
                if (text is not null && !JsonTypes.IsDate(text))
                {
                    Report(ValidationCodes.InvalidDate, $"'{text}' is geen datum (jjjj-mm-dd).");
                }
                break;
            case PropertyKind.DateTime:
                expected = text is null ? "een datum en tijd" : null;
                if (text is not null && !JsonTypes.IsDate(text) && !JsonTypes.IsDateTime(text))
                {
                    Report(ValidationCodes.InvalidDate, $"'{text}' is geen datum of datum en tijd (ISO-8601).");
                }
                break;
            case PropertyKind.Duration:
                expected = text is null ? "een duur" : null;
                if (text is not null && !IsoDuration.TryParse(text, out _))
                {
                    Report(ValidationCodes.InvalidDuration, $"'{text}' is geen ISO-8601-duur (bijvoorbeeld P14D).");
                }
                break;
            case PropertyKind.Cron:
                expected = text is null ? "een cron-expressie" : null;
                if (text is not null && !IsCron(text))
                {
                    Report(ValidationCodes.InvalidCron, $"'{text}' is geen geldige cron-expressie met vijf velden.");
                }
                break;
            case PropertyKind.Choice:
                expected = text is null ? "een keuze" : null;
                if (text is not null && property.Choices is { } choices && !choices.Contains(text))
                {
                    Report(ValidationCodes.InvalidChoice, $"'{text}' is geen geldige keuze; kies uit {string.Join(", ", choices)}.");
                }
                break;
            case PropertyKind.DurationList or PropertyKind.Organisations or PropertyKind.StringList or PropertyKind.OutcomeList:
                if (value is not JsonArray strings || strings.Any(s => ActivityValidationContext.Text(s) is null && !ActivityRegistry.IsExpression(s, out _)))
                {
                    expected = "een lijst van teksten";
                }
                else if (property.Kind == PropertyKind.DurationList)
                {
                    for (var i = 0; i < strings.Count; i++)
                    {
                        if (ActivityValidationContext.Text(strings[i]) is { } duration && !IsoDuration.TryParse(duration, out _))
                        {
                            Report(ValidationCodes.InvalidDuration, $"'{duration}' is geen ISO-8601-duur (bijvoorbeeld P3D).", $"{path}[{i}]");
                        }
                    }
                }
                break;
            case PropertyKind.FormFields or PropertyKind.Cases or PropertyKind.Inputs:
                expected = value is JsonArray objects && objects.All(o => o is JsonObject) ? null : "een lijst van objecten";
                break;
            default:
                break;
        }
        if (expected is not null)
        {
            Report(ValidationCodes.WrongPropertyType, $"Eigenschap '{property.Name}' moet {expected} zijn.");
        }
    }

    private void CheckNestedExpressions(JsonNode value, string path, string activityId, List<ValidationProblem> problems)
    {
        IEnumerable<(string Path, JsonNode? Node)> children = value switch
        {
            JsonObject obj => obj.Select(p => ($"{path}.{p.Key}", p.Value)),
            JsonArray array => array.Select((n, i) => ($"{path}[{i}]", n)),
            _ => [],
        };
        foreach (var (childPath, child) in children)
        {
            if (child is null)
            {
                continue;
            }
            if (ActivityRegistry.IsExpression(child, out var expression))
            {
                if (_expressions.Check(expression, isTemplate: false) is { } error)
                {
                    problems.Add(new(ValidationCodes.InvalidExpression, $"{childPath}.expr", error, activityId));
                }
            }
            else
            {
                CheckNestedExpressions(child, childPath, activityId, problems);
            }
        }
    }

    /// <summary>Checks the value fits the activity's C# property, with nested expressions standing in as null.</summary>
    private static void CheckBinding(PropertyDescriptor property, JsonNode value, string path, string activityId, List<ValidationProblem> problems)
    {
        try
        {
            WithoutExpressions(value)?.Deserialize(property.ClrProperty.PropertyType, ActivityRegistry.BindingOptions);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
        {
            problems.Add(new(ValidationCodes.WrongPropertyType, path, $"Eigenschap '{property.Name}' heeft niet de juiste vorm: {ex.Message}", activityId));
        }
    }

    private static JsonNode? WithoutExpressions(JsonNode? node) => node switch
    {
        _ when ActivityRegistry.IsExpression(node, out _) => null,
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, WithoutExpressions(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(WithoutExpressions)]),
        _ => node?.DeepClone(),
    };

    private static bool IsCron(string text)
    {
        try
        {
            CronExpression.Parse(text, CronFormat.Standard);
            return true;
        }
        catch (CronFormatException)
        {
            return false;
        }
    }

    private static void CheckReachability(
        Dictionary<string, (int Index, ActivityDefinition Definition, ActivityDescriptor? Descriptor)> activities,
        List<string> starts,
        Dictionary<string, List<string>> edges,
        List<ValidationProblem> problems)
    {
        if (starts.Count == 0)
        {
            return;
        }
        var reached = new HashSet<string>(starts, StringComparer.Ordinal);
        var queue = new Queue<string>(starts);
        while (queue.Count > 0)
        {
            foreach (var target in edges.GetValueOrDefault(queue.Dequeue()) ?? [])
            {
                if (reached.Add(target))
                {
                    queue.Enqueue(target);
                }
            }
        }
        foreach (var (id, activity) in activities.OrderBy(a => a.Value.Index))
        {
            if (!reached.Contains(id))
            {
                problems.Add(new(ValidationCodes.UnreachableActivity, $"$.activities[{activity.Index}]", $"Activiteit '{id}' is vanaf geen enkele start bereikbaar.", id));
            }
        }
    }

    /// <summary>Every strongly connected component with a cycle needs an activity that can wait, or it may spin forever.</summary>
    private static void CheckLoops(
        Dictionary<string, (int Index, ActivityDefinition Definition, ActivityDescriptor? Descriptor)> activities,
        Dictionary<string, List<string>> edges,
        List<ValidationProblem> problems)
    {
        foreach (var component in StronglyConnectedComponents(activities.Keys, edges))
        {
            var isCycle = component.Count > 1 || (edges.GetValueOrDefault(component[0])?.Contains(component[0]) ?? false);
            if (!isCycle || component.Any(id => MayWait(activities[id].Definition, activities[id].Descriptor)))
            {
                continue;
            }
            var first = component.OrderBy(id => activities[id].Index).First();
            var members = string.Join(", ", component.OrderBy(id => activities[id].Index));
            problems.Add(new(ValidationCodes.LoopWithoutWait, $"$.activities[{activities[first].Index}]",
                $"De lus {members} kan eindeloos doorlopen zonder ooit te wachten; neem een taak, wachttijd of gebeurtenis op.", first));
        }
    }

    private static bool MayWait(ActivityDefinition activity, ActivityDescriptor? descriptor)
    {
        if (descriptor is null)
        {
            // Unknown types are reported already; do not pile a loop problem on top.
            return true;
        }
        if (descriptor.MayWait)
        {
            return true;
        }
        if (descriptor.MayWaitProperty is { } property && activity.Properties?[property] is { } value)
        {
            return ActivityRegistry.IsExpression(value, out _) || value.GetValueKind() == JsonValueKind.True;
        }
        return false;
    }

    private static List<List<string>> StronglyConnectedComponents(IEnumerable<string> nodes, Dictionary<string, List<string>> edges)
    {
        // Tarjan's algorithm, iterative so a long chain cannot overflow the stack.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var result = new List<List<string>>();
        var counter = 0;
        foreach (var root in nodes)
        {
            if (index.ContainsKey(root))
            {
                continue;
            }
            var work = new Stack<(string Node, int Next)>();
            work.Push((root, 0));
            index[root] = low[root] = counter++;
            stack.Push(root);
            onStack.Add(root);
            while (work.Count > 0)
            {
                var (node, next) = work.Pop();
                var targets = edges.GetValueOrDefault(node) ?? [];
                if (next < targets.Count)
                {
                    work.Push((node, next + 1));
                    var target = targets[next];
                    if (index.TryAdd(target, counter))
                    {
                        low[target] = counter++;
                        stack.Push(target);
                        onStack.Add(target);
                        work.Push((target, 0));
                    }
                    else if (onStack.Contains(target))
                    {
                        low[node] = Math.Min(low[node], index[target]);
                    }
                    continue;
                }
                if (low[node] == index[node])
                {
                    var component = new List<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (member != node);
                    result.Add(component);
                }
                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }
            }
        }
        return result;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex DefinitionIdPattern();
}
