using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Definitions;

namespace LsiWorkflow.Engine.Tests.Definitions;

public sealed class DefinitionSerializerTests
{
    public static TheoryData<string> SampleNames => [.. Samples.Names];

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Parse_then_serialize_gives_the_same_json(string name)
    {
        var json = Samples.Read(name);

        var written = DefinitionSerializer.Serialize(DefinitionSerializer.Parse(json));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void Absent_optional_fields_stay_absent()
    {
        var written = JsonNode.Parse(DefinitionSerializer.Serialize(Samples.Load("minimal.json")))!;

        var start = written["activities"]![0]!.AsObject();
        Assert.False(start.ContainsKey("properties"));
        Assert.False(start.ContainsKey("displayName"));
        Assert.False(written.AsObject().ContainsKey("description"));
        Assert.False(written["connections"]![0]!.AsObject().ContainsKey("outcome"));
    }

    [Fact]
    public void Parse_reports_where_the_json_is_wrong()
    {
        var ex = Assert.Throws<DefinitionFormatException>(() => DefinitionSerializer.Parse("""{ "schemaVersion": 1, "id": "x", "activities": [ { "id": 5 } ] }"""));

        Assert.Contains("activities", ex.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_rejects_text_that_is_not_json()
    {
        Assert.Throws<DefinitionFormatException>(() => DefinitionSerializer.Parse("{ not json"));
    }

    [Fact]
    public void Properties_are_kept_as_json_including_expression_objects()
    {
        var definition = Samples.Load("project-approval.json");

        var value = definition.FindActivity("name")!.Properties!["value"]!.AsObject();

        Assert.Equal("input.projectName", value["expr"]!.GetValue<string>());
    }

    [Fact]
    public void Durations_follow_the_calendar()
    {
        var start = new DateTimeOffset(2017, 7, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2022, 7, 1, 0, 0, 0, TimeSpan.Zero), IsoDuration.Parse("P5Y").AddTo(start));
        Assert.Equal(start.AddDays(14).AddHours(2).AddMinutes(30), IsoDuration.Parse("P2WT2H30M").AddTo(start));
        Assert.Equal(start.AddDays(-3), IsoDuration.Parse("P3D").SubtractFrom(start));
        Assert.False(IsoDuration.TryParse("P", out _));
        Assert.False(IsoDuration.TryParse("14 dagen", out _));
        Assert.False(IsoDuration.TryParse("PT", out _));
    }
}
