using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Expressions;

namespace LsiWorkflow.Engine.Activities;

/// <summary>Lets an activity check its own definition properties during validation.</summary>
public sealed class ActivityValidationContext
{
    private readonly List<ValidationProblem> _problems;

    internal ActivityValidationContext(WorkflowDefinition workflow, ActivityDefinition activity, string path, ExpressionEngine expressions, List<ValidationProblem> problems, TimeSpan minimumPeriod)
    {
        MinimumPeriod = minimumPeriod;
        Workflow = workflow;
        Activity = activity;
        Path = path;
        Expressions = expressions;
        _problems = problems;
    }

    /// <summary>The whole definition.</summary>
    public WorkflowDefinition Workflow { get; }

    /// <summary>The activity being checked.</summary>
    public ActivityDefinition Activity { get; }

    /// <summary>JSON path of the activity, e.g. <c>$.activities[3]</c>.</summary>
    public string Path { get; }

    /// <summary>The shortest period a recurring start or a repeating timer may have.</summary>
    public TimeSpan MinimumPeriod { get; }

    /// <summary>Engine used to check expression syntax.</summary>
    public ExpressionEngine Expressions { get; }

    /// <summary>The literal value of a property; null when absent or given as an expression.</summary>
    public JsonNode? Literal(string property)
    {
        if (Activity.Properties is null || !Activity.Properties.TryGetPropertyValue(property, out var value))
        {
            return null;
        }
        return ActivityRegistry.IsExpression(value, out _) ? null : value;
    }

    /// <summary>The literal string value of a property; null when absent, an expression or not a string.</summary>
    public string? LiteralText(string property) => Text(Literal(property));

    /// <summary>The string in a JSON node, or null when it holds something else.</summary>
    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    /// <summary>The string field of an object inside a property list, or null when the item is no object or the field no string.</summary>
    public static string? Field(JsonNode? item, string name) => item is JsonObject obj ? Text(obj[name]) : null;

    /// <summary>True when the property is present (as a literal or an expression).</summary>
    public bool Has(string property) => Activity.Properties?.ContainsKey(property) == true;

    /// <summary>Reports a problem at a path relative to the activity's properties (e.g. <c>cases[0].condition</c>).</summary>
    public void Report(string code, string relativePath, string message) =>
        _problems.Add(new ValidationProblem(code, string.IsNullOrEmpty(relativePath) ? Path : $"{Path}.properties.{relativePath}", message, Activity.Id));

    /// <summary>Reports an unparsable expression at a relative path.</summary>
    public void CheckExpression(string? expression, string relativePath)
    {
        if (expression is not null && Expressions.Check(expression, isTemplate: false) is { } error)
        {
            Report(ValidationCodes.InvalidExpression, relativePath, error);
        }
    }
}
