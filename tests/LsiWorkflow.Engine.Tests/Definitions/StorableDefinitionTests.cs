using System.Text;
using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Definitions;

namespace LsiWorkflow.Engine.Tests.Definitions;

/// <summary>
/// Text and numbers a definition cannot hold if it is to be stored and shown are refused by the validator, with the
/// path of their field, so that a definition that validates is one that saves.
/// </summary>
public sealed class StorableDefinitionTests
{
    /// <summary>
    /// The minimal sample with <paramref name="fragment"/> (raw JSON text, escapes and all) as its name, or as a
    /// property of its start or the name of one (which the start does not have, but text problems come first).
    /// </summary>
    private static string Minimal(string field, string fragment)
    {
        var root = JsonNode.Parse(Samples.Read("minimal.json"))!.AsObject();
        if (field != "name")
        {
            root["activities"]![0]!["properties"] = new JsonObject { ["marker"] = "MARKER" };
        }
        var json = root.ToJsonString();
        return field switch
        {
            "name" => json.Replace("\"Kleinste workflow\"", fragment, StringComparison.Ordinal),
            "property" => json.Replace("\"MARKER\"", fragment, StringComparison.Ordinal),
            "key" => json.Replace("\"marker\"", fragment, StringComparison.Ordinal),
            _ => throw new ArgumentException(field),
        };
    }

    private static ValidationProblem SingleProblem(ValidationResult result)
    {
        Assert.True(result.Problems.Count == 1, string.Join("\n", result.Problems.Select(p => $"{p.Code} {p.Path} {p.Message}")));
        return result.Problems[0];
    }

    [Theory]
    [InlineData("\"nul\\u0000teken\"", "nul-teken (U+0000)")]
    [InlineData("\"bel\\u0007\"", "U+0007")]
    [InlineData("\"terug\\b\"", "U+0008")]
    [InlineData("\"pagina\\f\"", "U+000C")]
    [InlineData("\"eenheid\\u001F\"", "U+001F")]
    [InlineData("\"half\\ud800\"", "U+D800")]
    [InlineData("\"half\\uD800x\"", "U+D800")]
    [InlineData("\"andere helft\\udc00\"", "U+DC00")]
    [InlineData("\"omgekeerd\\udc00\\ud800\"", "U+DC00")]
    [InlineData("\"twee hoog\\ud800\\ud800\\udc00\"", "U+D800")]
    public void Text_that_cannot_be_stored_is_refused_with_the_path_of_its_field(string fragment, string named)
    {
        foreach (var (field, path) in new[] { ("name", "$.name"), ("property", "$.activities[0].properties.marker") })
        {
            var problem = SingleProblem(Shared.Validator.Validate(Minimal(field, fragment)));

            Assert.Equal(ValidationCodes.InvalidText, problem.Code);
            Assert.Equal(path, problem.Path);
            Assert.Contains(named, problem.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("\"tab\\t, regels\\r\\n en \\u007f\"")]
    [InlineData("\"een paar \\ud83d\\ude00 en \\uD83D\\uDE00\"")]
    [InlineData("\"rechtstreeks 😀 ß € \\\\u0000 \\\" \\/\"")]
    public void Tabs_line_breaks_and_whole_surrogate_pairs_are_text(string fragment)
    {
        var result = Shared.Validator.Validate(Minimal("name", fragment));

        Assert.True(result.IsValid, string.Join("\n", result.Problems.Select(p => $"{p.Code} {p.Path} {p.Message}")));
    }

    [Fact]
    public void A_field_name_that_cannot_be_stored_is_shown_escaped_in_the_path()
    {
        var problem = SingleProblem(Shared.Validator.Validate(Minimal("key", "\"a\\u0000b\\ud800\"")));

        Assert.Equal(ValidationCodes.InvalidText, problem.Code);
        Assert.Equal("$.activities[0].properties.a\\u0000b\\ud800", problem.Path);
        Assert.StartsWith("De naam van dit veld", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_string_is_reported_and_nothing_else_until_they_are_gone()
    {
        var json = """
            { "schemaVersion": 1, "id": "x\u0001", "name": "", "version": 1, "extra": "\ud800",
              "variables": [ { "name": "v", "type": "object", "default": { "deep": [ 1, { "er": "\udfff" } ] } } ],
              "activities": [], "connections": [] }
            """;

        var result = Shared.Validator.Validate(json);

        Assert.Equal(["$.id", "$.extra", "$.variables[0].default.deep[1].er"], result.Problems.Select(p => p.Path));
        Assert.All(result.Problems, p => Assert.Equal(ValidationCodes.InvalidText, p.Code));
    }

    [Fact]
    public void Bytes_that_are_no_utf8_are_refused_with_their_path()
    {
        var json = Encoding.UTF8.GetBytes(Minimal("property", "\"BAD\""));
        var at = json.AsSpan().IndexOf("BAD"u8);
        // An invalid lead byte, a surrogate written as UTF-8 (ED A0 80) and an overlong NUL (C0 80).
        byte[] bad = [0xFF, 0xED, 0xA0, 0x80, 0xC0, 0x80];
        var broken = json[..at].Concat(bad).Concat(json[(at + 3)..]).ToArray();

        var problem = SingleProblem(Shared.Validator.Validate(broken));

        Assert.Equal(ValidationCodes.InvalidText, problem.Code);
        Assert.Equal("$.activities[0].properties.marker", problem.Path);
        Assert.Contains("UTF-8", problem.Message, StringComparison.Ordinal);
        Assert.Equal(Shared.Validator.Validate(Encoding.UTF8.GetString(json)).Problems, Shared.Validator.Validate(json).Problems);
    }

    [Theory]
    [InlineData("1e400", false)]
    [InlineData("-1e309", false)]
    [InlineData("1e-1001", false)]
    [InlineData("0.1e-1000", false)]
    [InlineData("1e99999999999999999999", false)]
    [InlineData("1e-99999999999999999999", false)]
    [InlineData("1e308", true)]
    [InlineData("1e-1000", true)]
    [InlineData("-0.5", true)]
    [InlineData("12345678901234567890", true)]
    public void Numbers_must_be_finite_and_have_at_most_a_thousand_digits_behind_the_point(string number, bool storable)
    {
        var result = Shared.Validator.Validate(Minimal("property", $"[1, {{ \"n\": {number} }}]"));

        if (storable)
        {
            Assert.DoesNotContain(result.Problems, p => p.Code == ValidationCodes.InvalidNumber);
        }
        else
        {
            var problem = SingleProblem(result);
            Assert.Equal(ValidationCodes.InvalidNumber, problem.Code);
            Assert.Equal("$.activities[0].properties.marker[1].n", problem.Path);
        }
    }

    [Fact]
    public void A_long_fraction_is_refused_however_it_is_written()
    {
        var digits = "0." + new string('3', 1001);

        Assert.Equal(ValidationCodes.InvalidNumber, SingleProblem(Shared.Validator.Validate(Minimal("property", digits))).Code);
        Assert.Equal(ValidationCodes.InvalidNumber, SingleProblem(Shared.Validator.Validate(Minimal("property", "3" + new string('3', 1000) + "e-1001"))).Code);
    }

    [Fact]
    public void The_name_holds_at_most_two_hundred_characters()
    {
        // Counted as characters, as the database counts them: 200 emoji are 400 UTF-16 code units and fit.
        Assert.True(Shared.Validator.Validate(Minimal("name", $"\"{string.Concat(Enumerable.Repeat("😀", 200))}\"")).IsValid);

        var problem = SingleProblem(Shared.Validator.Validate(Minimal("name", $"\"{new string('n', 201)}\"")));

        Assert.Equal(ValidationCodes.TextTooLong, problem.Code);
        Assert.Equal("$.name", problem.Path);
    }

    [Fact]
    public void A_model_is_judged_as_the_json_it_is_saved_as()
    {
        var definition = Samples.Load("minimal.json");
        var withNul = definition with
        {
            Activities = [definition.Activities[0] with { DisplayName = "begin\0" }, definition.Activities[1]],
        };

        var fromModel = SingleProblem(Shared.Validator.Validate(withNul));
        var fromJson = SingleProblem(Shared.Validator.Validate(DefinitionSerializer.Serialize(withNul)));

        Assert.Equal(fromJson, fromModel);
        Assert.Equal("$.activities[0].displayName", fromModel.Path);
    }

    [Fact]
    public void A_model_read_from_json_with_half_a_surrogate_pair_is_refused_not_thrown()
    {
        var definition = DefinitionSerializer.Parse(Minimal("property", "\"\\ud800\""));

        var problem = SingleProblem(Shared.Validator.Validate(definition));

        Assert.Equal(ValidationCodes.InvalidText, problem.Code);
        Assert.Equal("$", problem.Path);
    }
}
