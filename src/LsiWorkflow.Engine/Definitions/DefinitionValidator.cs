using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Engine.Expressions;

namespace LsiWorkflow.Engine.Definitions;

/// <summary>
/// Checks a definition and reports every problem at once, each with a JSON path and a Dutch message.
/// The structural rules match <c>workflows/workflow.schema.json</c>.
/// </summary>
/// <remarks>
/// The checks, in the order their problems are reported: the structure (<c>DefinitionReader</c>), the variables and
/// each activity's properties (<c>PropertyRules</c>), and the connections (<c>GraphRules</c>, on the shared
/// <see cref="DefinitionGraph"/>).
/// </remarks>
public sealed class DefinitionValidator
{
    private readonly ActivityRegistry _registry;
    private readonly PropertyRules _properties;

    /// <summary>Creates a validator for the activity types of <paramref name="registry"/>.</summary>
    public DefinitionValidator(ActivityRegistry registry, ExpressionEngine? expressions = null)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _properties = new PropertyRules(expressions ?? new ExpressionEngine());
    }

    /// <summary>Validates definition JSON, structure included.</summary>
    public ValidationResult Validate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var problems = new List<ValidationProblem>();
        if (DefinitionReader.Parse(json, problems) is not { } root)
        {
            return new ValidationResult(problems);
        }
        var definition = DefinitionReader.Read(root, problems);
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

    private void CheckSemantics(WorkflowDefinition definition, List<ValidationProblem> problems)
    {
        if (definition.SchemaVersion != WorkflowDefinition.CurrentSchemaVersion)
        {
            problems.Add(new(ValidationCodes.UnsupportedSchemaVersion, "$.schemaVersion", $"Schemaversie {definition.SchemaVersion} wordt niet ondersteund; gebruik {WorkflowDefinition.CurrentSchemaVersion}."));
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

        GraphRules.Check(definition, activities, problems);
    }
}
