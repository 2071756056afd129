using System.Text;
using System.Text.Json;
using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Engine.Expressions;

namespace LsiWorkflow.Engine.Definitions;

/// <summary>
/// Checks a definition and reports every problem at once, each with a JSON path and a Dutch message.
/// The structural rules match <c>workflows/workflow.schema.json</c>. A definition that passes can be stored as it is:
/// text and numbers a database or a screen cannot take are refused here, not when the definition is saved.
/// </summary>
/// <remarks>
/// The checks, in the order their problems are reported: what can be stored (<c>StorableJson</c>; when something
/// cannot, that is all that is reported, as with broken JSON), the structure (<c>DefinitionReader</c>), the
/// variables and each activity's properties (<c>PropertyRules</c>), and the connections (<c>GraphRules</c>, on the
/// shared <see cref="DefinitionGraph"/>).
/// </remarks>
public sealed class DefinitionValidator
{
    private readonly ActivityRegistry _registry;
    private readonly PropertyRules _properties;

    private readonly TimeSpan _minimumPeriod;

    /// <summary>The shortest period of a recurring start or a repeating timer unless the host sets another: one hour.</summary>
    public static readonly TimeSpan DefaultMinimumPeriod = TimeSpan.FromHours(1);

    /// <summary>
    /// Creates a validator for the activity types of <paramref name="registry"/>. Recurring starts and loops that only
    /// wait on timers must repeat no faster than <paramref name="minimumPeriod"/> (default
    /// <see cref="DefaultMinimumPeriod"/>), so a definition cannot start or wake an instance every second.
    /// </summary>
    public DefinitionValidator(ActivityRegistry registry, ExpressionEngine? expressions = null, TimeSpan? minimumPeriod = null)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _minimumPeriod = minimumPeriod ?? DefaultMinimumPeriod;
        _properties = new PropertyRules(expressions ?? new ExpressionEngine(), _minimumPeriod);
    }

    /// <summary>The shortest period this validator allows a recurring start or a repeating timer.</summary>
    public TimeSpan MinimumPeriod => _minimumPeriod;

    /// <summary>Validates definition JSON, structure included.</summary>
    public ValidationResult Validate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ValidateJson(Encoding.UTF8.GetBytes(json), json);
    }

    /// <summary>
    /// Validates definition JSON as UTF-8, the way it arrives in a request; unlike a string, it may hold bytes that are
    /// no UTF-8, which are reported with the path of their field.
    /// </summary>
    public ValidationResult Validate(ReadOnlySpan<byte> utf8Json) => ValidateJson(utf8Json, null);

    /// <summary>Validates a definition already read into the model; its text and numbers are judged in the JSON it is saved as.</summary>
    public ValidationResult Validate(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<ValidationProblem>();
        if (!CheckStorable(definition, problems))
        {
            return new ValidationResult(problems);
        }
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

    private ValidationResult ValidateJson(ReadOnlySpan<byte> utf8Json, string? json)
    {
        var problems = new List<ValidationProblem>();
        if (DefinitionReader.Parse(utf8Json, json, problems) is not { } root)
        {
            return new ValidationResult(problems);
        }
        var definition = DefinitionReader.Read(root, problems);
        CheckSemantics(definition, problems);
        return new ValidationResult(problems);
    }

    /// <summary>The model is checked in the form it is saved in, so both overloads judge the same text the same way.</summary>
    private static bool CheckStorable(WorkflowDefinition definition, List<ValidationProblem> problems)
    {
        byte[] json;
        try
        {
            json = JsonSerializer.SerializeToUtf8Bytes(definition, DefinitionSerializer.Options);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            // Text read from JSON with half a surrogate pair cannot even be written out, nor can a NaN position.
            problems.Add(new(ValidationCodes.InvalidText, "$",
                "De definitie bevat tekst met een halve UTF-16-tekencode of een getal dat geen getal is; zo kan zij niet worden opgeslagen."));
            return false;
        }
        var before = problems.Count;
        return !StorableJson.Check(json, problems) || problems.Count == before;
    }

    private void CheckSemantics(WorkflowDefinition definition, List<ValidationProblem> problems)
    {
        if (definition.SchemaVersion != WorkflowDefinition.CurrentSchemaVersion)
        {
            problems.Add(new(ValidationCodes.UnsupportedSchemaVersion, "$.schemaVersion", $"Schemaversie {definition.SchemaVersion} wordt niet ondersteund; gebruik {WorkflowDefinition.CurrentSchemaVersion}."));
        }
        if (definition.Name is { } name && name.EnumerateRunes().Count() > WorkflowDefinition.MaxNameLength)
        {
            problems.Add(new(ValidationCodes.TextTooLong, "$.name", $"De naam telt hoogstens {WorkflowDefinition.MaxNameLength} tekens."));
        }
        var variableNames = PropertyRules.CheckVariables(definition, problems);

        var activities = new Dictionary<string, ValidatedActivity>(StringComparer.Ordinal);
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
            activities[activity.Id] = new ValidatedActivity(i, activity, descriptor);
            if (descriptor is null)
            {
                if (!string.IsNullOrEmpty(activity.Type))
                {
                    problems.Add(new(ValidationCodes.UnknownActivityType, $"{path}.type", $"Onbekend activiteitstype '{activity.Type}'.", activity.Id));
                }
                continue;
            }
            _properties.Check(definition, activity, descriptor, path, variableNames, problems);
        }

        GraphRules.Check(definition, activities, _minimumPeriod, problems);
    }
}
