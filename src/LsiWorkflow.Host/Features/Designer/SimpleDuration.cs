using System.Globalization;
using System.Text.RegularExpressions;

namespace LsiWorkflow.Host.Features.Designer;

/// <summary>
/// A duration as a secretary states it: a number of days, weeks or months. Stored as the ISO-8601 duration the engine
/// reads (P14D, P2W, P1M); any other ISO duration is left to the advanced editor.
/// </summary>
public readonly partial record struct SimpleDuration(int Count, char Unit)
{
    public const char Days = 'D';
    public const char Weeks = 'W';
    public const char Months = 'M';

    public static IReadOnlyList<char> Units { get; } = [Days, Weeks, Months];

    [GeneratedRegex(@"^P(\d{1,6})([DWM])$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse(string? iso, out SimpleDuration duration)
    {
        var match = Pattern().Match(iso ?? "");
        duration = match.Success ? new(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value[0]) : default;
        return match.Success;
    }

    public string ToIso() => string.Create(CultureInfo.InvariantCulture, $"P{Count}{Unit}");

    /// <summary>The resource key of the unit's name, singular or plural as the count needs.</summary>
    public static string UnitKey(char unit, int count) => $"Designer.Unit.{unit}.{(count == 1 ? "One" : "Many")}";
}
