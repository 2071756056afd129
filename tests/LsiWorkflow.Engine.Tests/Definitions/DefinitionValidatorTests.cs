using LsiWorkflow.Engine.Definitions;
using static LsiWorkflow.Engine.Tests.Flow;

namespace LsiWorkflow.Engine.Tests.Definitions;

public sealed class DefinitionValidatorTests
{
    private static ValidationResult Validate(string json) => Shared.Validator.Validate(json);

    private static ValidationResult Validate(object[] activities, string[] connections, string variables = "[]") =>
        Shared.Validator.Validate(Flow.Json(activities, connections, variables));

    private static void AssertProblem(ValidationResult result, string code, string path)
    {
        Assert.False(result.IsValid);
        Assert.True(result.Problems.Any(p => p.Code == code && p.Path == path),
            $"Expected {code} at {path}; got:\n{string.Join("\n", result.Problems.Select(p => $"{p.Code} {p.Path} {p.Message}"))}");
    }

    public static TheoryData<string> SampleNames => [.. Samples.Names];

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Sample_definitions_are_valid(string name)
    {
        var result = Validate(Samples.Read(name));

        Assert.True(result.IsValid, string.Join("\n", result.Problems.Select(p => $"{p.Code} {p.Path} {p.Message}")));
    }

    [Fact]
    public void Model_validation_agrees_with_json_validation_for_samples()
    {
        foreach (var name in Samples.Names)
        {
            Assert.True(Shared.Validator.Validate(Samples.Load(name)).IsValid, name);
        }
    }

    [Fact]
    public void Malformed_json_is_reported()
    {
        AssertProblem(Validate("{ \"id\": "), ValidationCodes.InvalidJson, "$");
    }

    [Fact]
    public void Missing_required_fields_and_wrong_types_are_all_reported_at_once()
    {
        var result = Validate("""
            { "schemaVersion": 1, "name": 5, "version": "one", "variables": [], "extra": true,
              "activities": [ { "type": "Start" }, "oops" ], "connections": {} }
            """);

        AssertProblem(result, ValidationCodes.MissingField, "$.id");
        AssertProblem(result, ValidationCodes.WrongFieldType, "$.name");
        AssertProblem(result, ValidationCodes.WrongFieldType, "$.version");
        AssertProblem(result, ValidationCodes.UnknownField, "$.extra");
        AssertProblem(result, ValidationCodes.MissingField, "$.activities[0].id");
        AssertProblem(result, ValidationCodes.WrongFieldType, "$.activities[1]");
        AssertProblem(result, ValidationCodes.WrongFieldType, "$.connections");
    }

    [Fact]
    public void Unsupported_schema_version_is_reported()
    {
        var json = Samples.Read("minimal.json").Replace("\"schemaVersion\": 1", "\"schemaVersion\": 2", StringComparison.Ordinal);

        AssertProblem(Validate(json), ValidationCodes.UnsupportedSchemaVersion, "$.schemaVersion");
    }

    [Fact]
    public void Unknown_activity_type_is_reported()
    {
        AssertProblem(Validate(["start:Start", "x:Teleport"], ["start -> x"]), ValidationCodes.UnknownActivityType, "$.activities[1].type");
    }

    [Fact]
    public void Unknown_property_is_reported()
    {
        AssertProblem(Validate([A("start:Start", """{ "colour": "red" }""")], []), ValidationCodes.UnknownProperty, "$.activities[0].properties.colour");
    }

    [Fact]
    public void Wrong_property_type_is_reported()
    {
        var result = Validate(
            ["start:Start", A("task:HumanTask", """{ "title": "T", "assignee": { "role": "Partner" }, "outcomes": "Ja", "atLeastCount": "twee" }""")],
            ["start -> task"]);

        AssertProblem(result, ValidationCodes.WrongPropertyType, "$.activities[1].properties.outcomes");
        AssertProblem(result, ValidationCodes.WrongPropertyType, "$.activities[1].properties.atLeastCount");
    }

    [Fact]
    public void Wrong_shape_inside_an_object_property_is_reported()
    {
        var result = Validate(
            ["start:Start", A("task:HumanTask", """{ "title": "T", "assignee": { "organisation": "UWV" }, "outcomes": ["Ja"] }""")],
            ["start -> task"]);

        AssertProblem(result, ValidationCodes.WrongPropertyType, "$.activities[1].properties.assignee");
    }

    [Fact]
    public void Missing_required_property_is_reported()
    {
        AssertProblem(Validate(["start:Start", "d:Decision"], ["start -> d"]), ValidationCodes.MissingRequiredProperty, "$.activities[1].properties.condition");
    }

    [Fact]
    public void Missing_start_is_reported()
    {
        AssertProblem(Validate(["end:End"], []), ValidationCodes.NoStart, "$.activities");
    }

    [Fact]
    public void Duplicate_activity_ids_are_reported()
    {
        AssertProblem(Validate(["start:Start", "start:End"], []), ValidationCodes.DuplicateActivityId, "$.activities[1].id");
    }

    [Fact]
    public void Duplicate_variable_names_and_bad_variables_are_reported()
    {
        var result = Validate(["start:Start"], [], """[ { "name": "a", "type": "string" }, { "name": "a", "type": "number", "default": "x" }, { "name": "b", "type": "money" } ]""");

        AssertProblem(result, ValidationCodes.DuplicateVariable, "$.variables[1].name");
        AssertProblem(result, ValidationCodes.InvalidVariableDefault, "$.variables[1].default");
        AssertProblem(result, ValidationCodes.UnknownVariableType, "$.variables[2].type");
    }

    [Fact]
    public void Connections_to_or_from_missing_activities_are_reported()
    {
        var result = Validate(["start:Start", "end:End"], ["start -> nowhere", "ghost -> end", "start -> end"]);

        AssertProblem(result, ValidationCodes.MissingConnectionTarget, "$.connections[0].target");
        AssertProblem(result, ValidationCodes.MissingConnectionSource, "$.connections[1].source");
    }

    [Fact]
    public void Connection_from_an_outcome_the_activity_does_not_have_is_reported()
    {
        var result = Validate(
            ["start:Start", A("d:Decision", """{ "condition": "true" }"""), A("t:HumanTask", """{ "title": "T", "assignee": { "role": "R" }, "outcomes": ["Goedkeuren", "Afwijzen"] }"""), "end:End"],
            ["start -> d", "d.True -> t", "d.Maybe -> end", "t.Goedkeuren -> end", "t.Aanpassen -> end"]);

        AssertProblem(result, ValidationCodes.UnknownOutcome, "$.connections[2].outcome");
        AssertProblem(result, ValidationCodes.UnknownOutcome, "$.connections[4].outcome");
        Assert.DoesNotContain(result.Problems, p => p.Path == "$.connections[3].outcome");
    }

    [Fact]
    public void Unreachable_activity_is_reported()
    {
        AssertProblem(Validate(["start:Start", "island:End"], []), ValidationCodes.UnreachableActivity, "$.activities[1]");
    }

    [Fact]
    public void Expressions_and_templates_that_do_not_parse_are_reported()
    {
        var result = Validate(
            [
                "start:Start",
                A("d:Decision", """{ "condition": "1 +* 2" }"""),
                A("n:SendNotification", """{ "users": ["a"], "subject": "Hallo {{ if }}", "body": { "expr": "((" } }"""),
                A("s:Switch", """{ "cases": [ { "name": "A", "condition": "x ==" } ] }"""),
            ],
            ["start -> d", "d.True -> n", "d.False -> s"]);

        AssertProblem(result, ValidationCodes.InvalidExpression, "$.activities[1].properties.condition");
        AssertProblem(result, ValidationCodes.InvalidTemplate, "$.activities[2].properties.subject");
        AssertProblem(result, ValidationCodes.InvalidExpression, "$.activities[2].properties.body.expr");
        AssertProblem(result, ValidationCodes.InvalidExpression, "$.activities[3].properties.cases[0].condition");
    }

    [Fact]
    public void Invalid_durations_cron_and_dates_are_reported()
    {
        var result = Validate(
            [
                A("timer:TimerStart", """{ "cron": "every monday" }"""),
                A("wait:Delay", """{ "duration": "two weeks" }"""),
                A("task:HumanTask", """{ "title": "T", "assignee": { "role": "R" }, "outcomes": ["Ok"], "dueDate": "31-12-2024", "reminders": ["P1D", "soon"] }"""),
                A("m:Milestone", """{ "name": "M", "plannedDate": "2024-02-30" }"""),
            ],
            ["timer -> wait", "wait -> task", "task.Ok -> m"]);

        AssertProblem(result, ValidationCodes.InvalidCron, "$.activities[0].properties.cron");
        AssertProblem(result, ValidationCodes.InvalidDuration, "$.activities[1].properties.duration");
        AssertProblem(result, ValidationCodes.InvalidDate, "$.activities[2].properties.dueDate");
        AssertProblem(result, ValidationCodes.InvalidDuration, "$.activities[2].properties.reminders[1]");
        AssertProblem(result, ValidationCodes.InvalidDate, "$.activities[3].properties.plannedDate");
    }

    [Fact]
    public void Invalid_choice_and_undeclared_variable_are_reported()
    {
        var result = Validate(
            ["start:Start", A("j:Join", """{ "mode": "some" }"""), A("v:SetVariable", """{ "variable": "missing", "value": 1 }""")],
            ["start -> j", "j -> v"]);

        AssertProblem(result, ValidationCodes.InvalidChoice, "$.activities[1].properties.mode");
        AssertProblem(result, ValidationCodes.UnknownVariable, "$.activities[2].properties.variable");
    }

    [Fact]
    public void Loop_without_a_waiting_activity_is_reported()
    {
        var result = Validate(
            ["start:Start", A("inc:SetVariable", """{ "variable": "n", "value": { "expr": "n + 1" } }"""), A("again:Decision", """{ "condition": "n < 10" }"""), "end:End"],
            ["start -> inc", "inc -> again", "again.True -> inc", "again.False -> end"],
            """[ { "name": "n", "type": "number", "default": 0 } ]""");

        AssertProblem(result, ValidationCodes.LoopWithoutWait, "$.activities[1]");
    }

    [Fact]
    public void Loop_through_a_human_task_or_a_waiting_child_workflow_is_accepted()
    {
        var withTask = Validate(
            ["start:Start", A("t:HumanTask", """{ "title": "T", "assignee": { "role": "R" }, "outcomes": ["Ok", "Opnieuw"] }"""), "end:End"],
            ["start -> t", "t.Opnieuw -> t", "t.Ok -> end"]);
        var withChild = Validate(
            ["start:Start", A("c:StartWorkflow", """{ "workflowId": "child", "waitForCompletion": true }"""), A("d:Decision", """{ "condition": "false" }"""), "end:End"],
            ["start -> c", "c -> d", "d.True -> c", "d.False -> end"]);
        var withoutWaiting = Validate(
            ["start:Start", A("c:StartWorkflow", """{ "workflowId": "child" }"""), A("d:Decision", """{ "condition": "false" }"""), "end:End"],
            ["start -> c", "c -> d", "d.True -> c", "d.False -> end"]);

        Assert.True(withTask.IsValid, string.Join("\n", withTask.Problems));
        Assert.True(withChild.IsValid, string.Join("\n", withChild.Problems));
        AssertProblem(withoutWaiting, ValidationCodes.LoopWithoutWait, "$.activities[1]");
    }

    [Fact]
    public void Timer_start_needs_exactly_one_schedule()
    {
        AssertProblem(Validate([A("t:TimerStart", """{ "cron": "0 9 * * 1", "at": "2025-01-01T09:00:00Z" }""")], []), ValidationCodes.InvalidSchedule, "$.activities[0]");
    }

    [Fact]
    public void Every_problem_names_its_activity_when_there_is_one()
    {
        var result = Validate([A("start:Start", """{ "colour": "red" }"""), "x:Teleport"], ["start -> x"]);

        Assert.All(result.Problems.Where(p => p.Path.StartsWith("$.activities[", StringComparison.Ordinal)), p => Assert.NotNull(p.ActivityId));
    }

    [Fact]
    public void Validator_never_throws_on_odd_property_values()
    {
        string[] oddValues = ["1", "true", "\"x\"", "[1, \"a\", null, {}]", "{ \"a\": [1] }", "[[1]]", "{ \"expr\": 5 }"];
        foreach (var descriptor in Shared.Registry.Descriptors)
        {
            foreach (var odd in oddValues)
            {
                var properties = "{ " + string.Join(", ", descriptor.Properties.Select(p => $"\"{p.Name}\": {odd}")) + " }";
                var json = Flow.Json(["start:Start", A($"x:{descriptor.Type}", properties)], ["start -> x"]);

                var exception = Record.Exception(() => Shared.Validator.Validate(json));

                Assert.True(exception is null, $"{descriptor.Type} with {odd}: {exception}");
            }
        }
    }
}
