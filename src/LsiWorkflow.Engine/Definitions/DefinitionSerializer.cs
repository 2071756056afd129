using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LsiWorkflow.Engine.Definitions;

/// <summary>Reads and writes workflow definitions in our JSON format.</summary>
public static class DefinitionSerializer
{
    /// <summary>The options used for definitions; camelCase, absent optional fields stay absent.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            PropertyNameCaseInsensitive = false,
            // Dutch text with diacritics stays readable in stored definitions.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Parses a definition. Throws <see cref="DefinitionFormatException"/> with the failing path.</summary>
    public static WorkflowDefinition Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<WorkflowDefinition>(json, Options)
                ?? throw new DefinitionFormatException("De definitie is leeg (null).", "$");
        }
        catch (JsonException ex)
        {
            throw new DefinitionFormatException($"De definitie is geen geldige JSON of heeft een verkeerde vorm: {ex.Message}", ex.Path ?? "$", ex);
        }
    }

    /// <summary>Writes a definition as indented JSON.</summary>
    public static string Serialize(WorkflowDefinition definition) => JsonSerializer.Serialize(definition, Options);
}

/// <summary>A definition could not be read.</summary>
public sealed class DefinitionFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DefinitionFormatException(string message, string path, Exception? inner = null)
        : base(message, inner) => Path = path;

    /// <summary>JSON path where reading failed.</summary>
    public string Path { get; }
}
