using LsiWorkflow.Engine.Definitions;
using static LsiWorkflow.Engine.Tests.Flow;

namespace LsiWorkflow.Engine.Tests.Definitions;

/// <summary>
/// A recurring start or a loop that waits only on wait times repeats no faster than the validator's minimum period
/// (one hour unless the host sets another): a definition with <c>every: PT1S</c> published and started an instance
/// every second.
/// </summary>
public sealed class PeriodFloorTests
{
    private static ValidationResult Validate(object[] activities, string[] connections, TimeSpan? floor = null) =>
        new DefinitionValidator(Shared.Registry, Shared.Expressions, floor).Validate(Flow.Json(activities, connections));

    private static void AssertTooShort(ValidationResult result, string path)
    {
        var problem = result.Problems.SingleOrDefault(p => p.Code == ValidationCodes.PeriodTooShort);
        Assert.True(problem is not null && problem.Path == path,
            $"Expected {ValidationCodes.PeriodTooShort} at {path}; got:\n{string.Join("\n", result.Problems.Select(p => $"{p.Code} {p.Path} {p.Message}"))}");
        Assert.Contains("1 uur", problem!.Message, StringComparison.Ordinal);
    }

    private static void AssertValid(ValidationResult result) =>
        Assert.True(result.IsValid, string.Join("\n", result.Problems.Select(p => $"{p.Code} {p.Path} {p.Message}")));

    [Theory]
    [InlineData("PT1S")]
    [InlineData("PT59M59S")]
    [InlineData("PT0.5S")]
    public void A_recurring_start_faster_than_an_hour_is_refused_on_its_period(string every)
    {
        AssertTooShort(Validate([A("t:TimerStart", $$"""{ "every": "{{every}}", "from": "2026-01-01" }"""), "end:End"], ["t -> end"]),
            "$.activities[0].properties.every");
    }

    [Theory]
    [InlineData("* * * * *")]
    [InlineData("*/5 * * * *")]
    [InlineData("0,30 9 * * 1")]
    public void A_cron_schedule_that_starts_again_within_an_hour_is_refused_on_its_cron(string cron)
    {
        AssertTooShort(Validate([A("t:TimerStart", $$"""{ "cron": "{{cron}}" }"""), "end:End"], ["t -> end"]), "$.activities[0].properties.cron");
    }

    [Theory]
    [InlineData("""{ "every": "PT1H", "from": "2026-01-01" }""")]
    [InlineData("""{ "every": "P5Y", "from": "2017-07-01" }""")]
    [InlineData("""{ "cron": "0 * * * *" }""")]
    [InlineData("""{ "cron": "0 9 1 * *" }""")]
    public void Schedules_of_an_hour_or_more_are_accepted(string properties)
    {
        AssertValid(Validate([A("t:TimerStart", properties), "end:End"], ["t -> end"]));
    }

    [Fact]
    public void A_loop_that_waits_only_on_short_wait_times_is_refused_and_one_with_a_task_is_not()
    {
        var timerLoop = Validate(
            ["start:Start", A("w:Delay", """{ "duration": "PT20M" }"""), A("w2:Delay", """{ "duration": "PT30M" }"""), A("d:Decision", """{ "condition": "true" }"""), "end:End"],
            ["start -> w", "w -> w2", "w2 -> d", "d.True -> w", "d.False -> end"]);
        AssertTooShort(timerLoop, "$.activities[1].properties.duration");

        var hourly = Validate(
            ["start:Start", A("w:Delay", """{ "duration": "PT30M" }"""), A("w2:Delay", """{ "duration": "PT30M" }"""), A("d:Decision", """{ "condition": "true" }"""), "end:End"],
            ["start -> w", "w -> w2", "w2 -> d", "d.True -> w", "d.False -> end"]);
        AssertValid(hourly);

        var withTask = Validate(
            ["start:Start", A("w:Delay", """{ "duration": "PT1M" }"""), A("t:HumanTask", """{ "title": "T", "assignee": { "role": "R" }, "outcomes": ["Ok", "Opnieuw"] }"""), "end:End"],
            ["start -> w", "w -> t", "t.Opnieuw -> w", "t.Ok -> end"]);
        AssertValid(withTask);
    }

    [Fact]
    public void The_floor_is_the_validators_to_set()
    {
        var every = new object[] { A("t:TimerStart", """{ "every": "PT5M", "from": "2026-01-01" }"""), "end:End" };

        AssertValid(Validate(every, ["t -> end"], TimeSpan.FromMinutes(5)));
        Assert.Contains(Validate(every, ["t -> end"], TimeSpan.FromMinutes(10)).Problems, p => p.Code == ValidationCodes.PeriodTooShort);
        Assert.Equal(TimeSpan.FromHours(1), DefinitionValidator.DefaultMinimumPeriod);
    }
}
