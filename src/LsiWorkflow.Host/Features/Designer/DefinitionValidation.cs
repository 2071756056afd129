using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime;

namespace LsiWorkflow.Host.Features.Designer;

/// <summary>
/// One way to judge a definition for validating, saving, publishing and the dry run, so that a definition that
/// validates is one that saves.
/// </summary>
internal static class DefinitionValidation
{
    /// <summary>Parses and validates, or refuses with every problem by JSON path.</summary>
    public static WorkflowDefinition ParseValid(EngineServices engine, string json)
    {
        var result = engine.Validator.Validate(json);
        if (!result.IsValid)
        {
            throw Refusal(result);
        }
        return DefinitionSerializer.Parse(json);
    }

    /// <summary>Problems that keep a definition from being stored at all, even as a draft that still has problems.</summary>
    private static readonly HashSet<string> Unstorable =
    [
        ValidationCodes.InvalidJson, ValidationCodes.InvalidText, ValidationCodes.InvalidNumber, ValidationCodes.TextTooLong,
        ValidationCodes.UnsupportedSchemaVersion, ValidationCodes.MissingField, ValidationCodes.WrongFieldType, ValidationCodes.UnknownField,
    ];

    /// <summary>
    /// Parses a draft that may still have design problems (publishing refuses those), or refuses it with the problems
    /// that keep it from being stored: text or numbers the store cannot keep, or no readable definition at all.
    /// </summary>
    public static WorkflowDefinition ParseStorable(EngineServices engine, string json)
    {
        var result = engine.Validator.Validate(json);
        var blocking = result.Problems.Where(p => Unstorable.Contains(p.Code)).ToList();
        if (blocking.Count > 0)
        {
            throw Refusal(new ValidationResult(blocking));
        }
        try
        {
            return DefinitionSerializer.Parse(json);
        }
        catch (DefinitionFormatException ex)
        {
            throw new InvalidRequestException($"De werkstroom is niet opgeslagen: {ex.Message}");
        }
    }

    /// <summary>
    /// The definition of a request body as text. The body was JSON, but a string in it may still hold bytes that are no
    /// UTF-8, which no text can carry: those are refused here with the path of their field, for every endpoint alike.
    /// </summary>
    public static string BodyText(JsonElement definition, EngineServices engine)
    {
        if (definition.ValueKind == JsonValueKind.Undefined)
        {
            throw new InvalidRequestException("Het verplichte veld 'definition' ontbreekt.")
            {
                Errors = new Dictionary<string, string[]> { ["$.definition"] = ["Het verplichte veld 'definition' ontbreekt."] },
            };
        }
        var utf8 = JsonMarshal.GetRawUtf8Value(definition);
        if (Utf8.IsValid(utf8))
        {
            return Encoding.UTF8.GetString(utf8);
        }
        var result = engine.Validator.Validate(utf8);
        return result.IsValid ? Encoding.UTF8.GetString(utf8) : throw Refusal(result);
    }

    private static InvalidRequestException Refusal(ValidationResult result)
    {
        var first = result.Problems[0];
        var count = result.Problems.Count == 1 ? "1 probleem" : $"{result.Problems.Count} problemen";
        return new InvalidRequestException($"De werkstroom heeft {count} en is niet opgeslagen. Eerste: {first.Message} ({first.Path})")
        {
            Errors = result.Problems.GroupBy(p => p.Path).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
        };
    }
}
