namespace LsiWorkflow.Engine.Definitions;

/// <summary>One problem found in a definition.</summary>
/// <param name="Code">Stable kebab-case id (see <see cref="ValidationCodes"/>).</param>
/// <param name="Path">JSON path, e.g. <c>$.activities[3].properties.outcomes</c>.</param>
/// <param name="Message">Plain Dutch message for the designer.</param>
/// <param name="ActivityId">The activity concerned, if any.</param>
public sealed record ValidationProblem(string Code, string Path, string Message, string? ActivityId = null);

/// <summary>Every problem found in a definition.</summary>
/// <param name="Problems">Problems in document order of discovery.</param>
public sealed record ValidationResult(IReadOnlyList<ValidationProblem> Problems)
{
    /// <summary>True when nothing is wrong.</summary>
    public bool IsValid => Problems.Count == 0;
}

/// <summary>The stable problem codes.</summary>
public static class ValidationCodes
{
    /// <summary>Not JSON at all.</summary>
    public const string InvalidJson = "invalid-json";
    /// <summary>A required field is missing.</summary>
    public const string MissingField = "missing-field";
    /// <summary>A field has the wrong JSON type.</summary>
    public const string WrongFieldType = "wrong-field-type";
    /// <summary>A field the format does not have.</summary>
    public const string UnknownField = "unknown-field";
    /// <summary>schemaVersion is not supported.</summary>
    public const string UnsupportedSchemaVersion = "unsupported-schema-version";
    /// <summary>No such activity type.</summary>
    public const string UnknownActivityType = "unknown-activity-type";
    /// <summary>The activity type has no such property.</summary>
    public const string UnknownProperty = "unknown-property";
    /// <summary>A property value has the wrong type for its kind.</summary>
    public const string WrongPropertyType = "wrong-property-type";
    /// <summary>A required property is missing.</summary>
    public const string MissingRequiredProperty = "missing-required-property";
    /// <summary>No Start or TimerStart.</summary>
    public const string NoStart = "no-start";
    /// <summary>Two activities share an id.</summary>
    public const string DuplicateActivityId = "duplicate-activity-id";
    /// <summary>Two variables share a name.</summary>
    public const string DuplicateVariable = "duplicate-variable";
    /// <summary>A variable has an unknown type.</summary>
    public const string UnknownVariableType = "unknown-variable-type";
    /// <summary>A variable default does not fit its type.</summary>
    public const string InvalidVariableDefault = "invalid-variable-default";
    /// <summary>A variable property names an undeclared variable.</summary>
    public const string UnknownVariable = "unknown-variable";
    /// <summary>A connection starts at a missing activity.</summary>
    public const string MissingConnectionSource = "missing-connection-source";
    /// <summary>A connection ends at a missing activity.</summary>
    public const string MissingConnectionTarget = "missing-connection-target";
    /// <summary>A connection leaves from an outcome the activity does not have.</summary>
    public const string UnknownOutcome = "unknown-outcome";
    /// <summary>An activity no start leads to.</summary>
    public const string UnreachableActivity = "unreachable-activity";
    /// <summary>An expression does not parse.</summary>
    public const string InvalidExpression = "invalid-expression";
    /// <summary>A template does not parse.</summary>
    public const string InvalidTemplate = "invalid-template";
    /// <summary>Not an ISO-8601 duration.</summary>
    public const string InvalidDuration = "invalid-duration";
    /// <summary>Not a cron expression.</summary>
    public const string InvalidCron = "invalid-cron";
    /// <summary>Not a date or date-time.</summary>
    public const string InvalidDate = "invalid-date";
    /// <summary>Not one of the allowed choices.</summary>
    public const string InvalidChoice = "invalid-choice";
    /// <summary>A cycle with no activity that waits.</summary>
    public const string LoopWithoutWait = "loop-without-wait";
    /// <summary>A missing or repeated name inside a property list.</summary>
    public const string DuplicateName = "duplicate-name";
    /// <summary>A recurring start or a loop of wait times that repeats faster than the host allows.</summary>
    public const string PeriodTooShort = "period-too-short";
    /// <summary>A timer start without exactly one schedule.</summary>
    public const string InvalidSchedule = "invalid-schedule";
    /// <summary>Text that cannot be stored or shown: a control character (other than tab and line breaks), half a UTF-16 surrogate pair, or bytes that are no UTF-8.</summary>
    public const string InvalidText = "invalid-text";
    /// <summary>A number that cannot be stored: not finite, or more digits behind the point than are kept.</summary>
    public const string InvalidNumber = "invalid-number";
    /// <summary>Text longer than is kept.</summary>
    public const string TextTooLong = "text-too-long";
}
