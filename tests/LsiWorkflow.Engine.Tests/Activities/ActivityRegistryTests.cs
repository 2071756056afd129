using System.Text.Json;
using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Engine.Definitions;

namespace LsiWorkflow.Engine.Tests.Activities;

public sealed class ActivityRegistryTests
{
    [Fact]
    public void Built_in_activities_are_registered_under_stable_names()
    {
        var types = Shared.Registry.Descriptors.Select(d => d.Type).ToHashSet();

        Assert.Superset(
            new HashSet<string> { "Start", "TimerStart", "HumanTask", "Decision", "Switch", "Fork", "Join", "Delay", "WaitForEvent", "SetVariable", "SendNotification", "Milestone", "StartWorkflow", "End" },
            types);
    }

    [Fact]
    public void Descriptors_serialize_for_the_designer_with_camel_case_names_and_kinds()
    {
        var json = JsonSerializer.Serialize(Shared.Registry.Find("HumanTask"), JsonSerializerOptions.Web);
        var node = JsonNode.Parse(json)!;

        Assert.Equal("Taak", node["displayName"]!.GetValue<string>());
        Assert.True(node["mayWait"]!.GetValue<bool>());
        Assert.Equal("outcomes", node["outcomesProperty"]!.GetValue<string>());
        var completion = node["properties"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "completion")!;
        Assert.Equal("choice", completion["kind"]!.GetValue<string>());
        Assert.Equal("any", completion["default"]!.GetValue<string>());
        Assert.Equal(["any", "all", "atLeast"], completion["choices"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Contains(node["properties"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "formFields" && p["kind"]!.GetValue<string>() == "formFields");
        Assert.DoesNotContain("clrType", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_built_in_descriptor_has_a_dutch_display_name_and_described_properties()
    {
        Assert.All(Shared.Registry.Descriptors, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Description), d.Type);
            Assert.False(string.IsNullOrWhiteSpace(d.DisplayName), d.Type);
            Assert.All(d.Properties, p => Assert.False(string.IsNullOrWhiteSpace(p.DisplayName ?? p.Description), $"{d.Type}.{p.Name}"));
        });
    }

    [Fact]
    public void Create_binds_literal_properties_and_defaults()
    {
        var activity = (HumanTask)Shared.Registry.Create(new ActivityDefinition
        {
            Id = "t",
            Type = "HumanTask",
            Properties = JsonNode.Parse("""{ "title": "T", "assignee": { "organisations": ["UWV"] }, "outcomes": ["Ja", "Nee"] }""")!.AsObject(),
        });

        Assert.Equal(["UWV"], activity.Assignee!.Organisations);
        Assert.Equal("any", activity.Completion);
        Assert.Equal("normal", activity.Priority);
    }

    [Fact]
    public void Registering_a_type_twice_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ActivityRegistry([typeof(Decision), typeof(Decision)]));
    }

    [Theory]
    [InlineData("2017-07-01T00:00:00+02:00", "2022-07-01")]
    [InlineData("2022-07-01T00:00:00+02:00", "2027-07-01")]
    [InlineData("2016-01-01T00:00:00Z", "2017-07-01")]
    [InlineData("2024-11-28T15:00:00Z", "2027-07-01")]
    public void Timer_start_every_five_years_from_the_covenant_date(string after, string expected)
    {
        var timer = CreateTimer("""{ "every": "P5Y", "from": "2017-07-01" }""");

        var next = timer.NextOccurrence(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture))!.Value;

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DateOnly.FromDateTime(next.DateTime));
        Assert.Equal(TimeSpan.Zero, next.TimeOfDay);
    }

    [Fact]
    public void Timer_start_follows_cron_in_amsterdam_time_and_fires_a_fixed_date_once()
    {
        var cron = CreateTimer("""{ "cron": "0 9 1 * *" }""");
        var once = CreateTimer("""{ "at": "2025-01-01T09:00:00+01:00" }""");
        var after = new DateTimeOffset(2024, 6, 15, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2024, 7, 1, 9, 0, 0, TimeSpan.FromHours(2)), cron.NextOccurrence(after));
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.Zero), once.NextOccurrence(after));
        Assert.Null(once.NextOccurrence(new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    private static TimerStart CreateTimer(string properties) => (TimerStart)Shared.Registry.Create(new ActivityDefinition
    {
        Id = "timer",
        Type = "TimerStart",
        Properties = JsonNode.Parse(properties)!.AsObject(),
    });
}
