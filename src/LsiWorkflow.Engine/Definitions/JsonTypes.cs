using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LsiWorkflow.Engine.Definitions;

/// <summary>Checks JSON values against the declared variable and input types.</summary>
public static class JsonTypes
{
    /// <summary>True when <paramref name="value"/> (not null) fits <paramref name="type"/>.</summary>
    public static bool Matches(JsonNode value, string type)
    {
        ArgumentNullException.ThrowIfNull(value);
        var kind = value.GetValueKind();
        return type switch
        {
            VariableTypes.String => kind == JsonValueKind.String,
            VariableTypes.Number => kind == JsonValueKind.Number,
            VariableTypes.Boolean => kind is JsonValueKind.True or JsonValueKind.False,
            VariableTypes.Date => kind == JsonValueKind.String && IsDate(value.GetValue<string>()),
            VariableTypes.DateTime => kind == JsonValueKind.String && IsDateTime(value.GetValue<string>()),
            VariableTypes.Duration => kind == JsonValueKind.String && IsoDuration.TryParse(value.GetValue<string>(), out _),
            VariableTypes.Object => kind == JsonValueKind.Object,
            VariableTypes.Array => kind == JsonValueKind.Array,
            _ => false,
        };
    }

    /// <summary>True for a date written as yyyy-MM-dd.</summary>
    public static bool IsDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>True for an ISO-8601 date and time.</summary>
    public static bool IsDateTime(string? text) => TryParseMoment(text, out _) && text!.Contains('T', StringComparison.Ordinal);

    /// <summary>Reads a date (midnight UTC) or an ISO-8601 date and time (UTC when no offset is given).</summary>
    public static bool TryParseMoment(string? text, out DateTimeOffset moment) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out moment)
        && text!.Length >= 10 && char.IsAsciiDigit(text[0]);
}
