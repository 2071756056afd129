using LsiWorkflow.Engine.Definitions;

namespace LsiWorkflow.Engine.Tests.Definitions;

/// <summary>Definition texts the fuzzer found to break the validator instead of being refused by it.</summary>
public sealed class HostileDefinitionTests
{
    [Theory]
    [InlineData("\"id\": \"dubbel\", \"id\":")]
    [InlineData("\"activities\": [], \"activities\":")]
    public void A_duplicated_field_is_a_problem_at_a_path_not_an_exception(string duplicate)
    {
        var json = Samples.Read("minimal.json");
        var key = duplicate[..duplicate.IndexOf(':', StringComparison.Ordinal)] + ":";
        var at = json.IndexOf(key, StringComparison.Ordinal);
        var broken = string.Concat(json.AsSpan(0, at), duplicate, json.AsSpan(at + key.Length));

        var result = Shared.Validator.Validate(broken);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ValidationCodes.InvalidJson, problem.Code);
        Assert.StartsWith("$", problem.Path, StringComparison.Ordinal);
    }
}
