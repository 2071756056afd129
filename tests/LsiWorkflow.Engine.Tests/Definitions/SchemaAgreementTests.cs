using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace LsiWorkflow.Engine.Tests.Definitions;

/// <summary>The published JSON Schema and the validator must agree on structure.</summary>
public sealed class SchemaAgreementTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflow.schema.json")));

    private static bool SchemaAccepts(string json) =>
        Schema.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid;

    public static TheoryData<string> SampleNames => [.. Samples.Names];

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Valid_samples_pass_schema_and_validator(string name)
    {
        var json = Samples.Read(name);

        Assert.True(SchemaAccepts(json));
        Assert.True(Shared.Validator.Validate(json).IsValid);
    }

    public static TheoryData<string, string> Breakages => new()
    {
        { "missing id", """{ "op": "remove", "path": "id" }""" },
        { "id with a slash", """{ "op": "set", "path": "id", "value": "../../etc/passwd" }""" },
        { "id with markup", """{ "op": "set", "path": "id", "value": "<b>x</b>" }""" },
        { "missing activities", """{ "op": "remove", "path": "activities" }""" },
        { "extra top-level field", """{ "op": "set", "path": "owner", "value": "SZW" }""" },
        { "version as text", """{ "op": "set", "path": "version", "value": "1" }""" },
        { "version zero", """{ "op": "set", "path": "version", "value": 0 }""" },
        { "schema version 2", """{ "op": "set", "path": "schemaVersion", "value": 2 }""" },
        { "name empty", """{ "op": "set", "path": "name", "value": " " }""" },
        { "name longer than 200", $$"""{ "op": "set", "path": "name", "value": "{{new string('n', 201)}}" }""" },
        { "activities not a list", """{ "op": "set", "path": "activities", "value": {} }""" },
        { "activity without type", """{ "op": "set", "path": "activities", "value": [ { "id": "start" } ] }""" },
        { "activity with numeric id", """{ "op": "set", "path": "activities", "value": [ { "id": 1, "type": "Start" } ] }""" },
        { "activity with extra field", """{ "op": "set", "path": "activities", "value": [ { "id": "start", "type": "Start", "colour": "red" } ] }""" },
        { "properties not an object", """{ "op": "set", "path": "activities", "value": [ { "id": "start", "type": "Start", "properties": [] } ] }""" },
        { "position without y", """{ "op": "set", "path": "activities", "value": [ { "id": "start", "type": "Start", "position": { "x": 1 } } ] }""" },
        { "connection without target", """{ "op": "set", "path": "connections", "value": [ { "source": "start" } ] }""" },
        { "variable with unknown type", """{ "op": "set", "path": "variables", "value": [ { "name": "a", "type": "money" } ] }""" },
        { "variable with extra field", """{ "op": "set", "path": "variables", "value": [ { "name": "a", "type": "string", "label": "A" } ] }""" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void Structural_breakage_fails_schema_and_validator(string what, string change)
    {
        var json = Apply(Samples.Read("minimal.json"), change);

        Assert.False(SchemaAccepts(json), $"schema accepted: {what}");
        Assert.False(Shared.Validator.Validate(json).IsValid, $"validator accepted: {what}");
    }

    private static string Apply(string json, string change)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var edit = JsonNode.Parse(change)!;
        var path = edit["path"]!.GetValue<string>();
        if (edit["op"]!.GetValue<string>() == "remove")
        {
            root.Remove(path);
        }
        else
        {
            root[path] = edit["value"]!.DeepClone();
        }
        return root.ToJsonString();
    }
}
