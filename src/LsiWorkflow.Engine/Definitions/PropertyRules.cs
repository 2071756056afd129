using System.Text.Json;
using System.Text.Json.Nodes;
using Cronos;
using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Engine.Expressions;

namespace LsiWorkflow.Engine.Definitions;

/// <summary>The rules for what a definition's variables and activity properties hold, per the activity descriptors.</summary>
internal sealed class PropertyRules(ExpressionEngine expressions, TimeSpan minimumPeriod)
{
    private readonly ExpressionEngine _expressions = expressions;

    /// <summary>Checks the declared variables (unique names, known types, fitting defaults) and returns their names.</summary>
    public static HashSet<string> CheckVariables(WorkflowDefinition definition, List<ValidationProblem> problems)
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

    /// <summary>
    /// Checks the properties of one activity against its descriptor: known names, required ones present, values of
    /// the right kind (expressions and templates that parse, dates, durations, cron, choices, declared variables) and
    /// of a shape the activity's C# property takes; then the activity's own rules.
    /// </summary>
    public void Check(WorkflowDefinition definition, ActivityDefinition activity, ActivityDescriptor descriptor, string path, HashSet<string> variables, List<ValidationProblem> problems)
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
        ActivityRegistry.Instantiate(descriptor).Validate(new ActivityValidationContext(definition, activity, path, _expressions, problems, minimumPeriod));
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
}
