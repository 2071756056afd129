using System.Globalization;
using System.Text.RegularExpressions;

namespace LsiWorkflow.Engine.Definitions;

/// <summary>
/// An ISO-8601 duration such as <c>P5Y</c>, <c>P14D</c> or <c>PT2H30M</c>. Years and months stay calendar units
/// (P1M after 31 January is the end of February), which <see cref="TimeSpan"/> cannot express.
/// </summary>
public readonly partial record struct IsoDuration(int Years, int Months, int Days, TimeSpan Time)
{
    [GeneratedRegex(@"^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Parses a duration; returns false for anything else (negative durations included).</summary>
    public static bool TryParse(string? text, out IsoDuration duration)
    {
        duration = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }
        try
        {
            int Part(int group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
            var seconds = match.Groups[7].Success
                ? double.Parse(match.Groups[7].Value.Replace(',', '.'), CultureInfo.InvariantCulture)
                : 0;
            var time = TimeSpan.FromHours(Part(5)) + TimeSpan.FromMinutes(Part(6)) + TimeSpan.FromSeconds(seconds);
            duration = new IsoDuration(Part(1), Part(2), Part(3) * 7 + Part(4), time);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>Parses a duration or throws <see cref="FormatException"/>.</summary>
    public static IsoDuration Parse(string text) =>
        TryParse(text, out var duration) ? duration : throw new FormatException($"'{text}' is geen geldige ISO-8601-duur (bijvoorbeeld P14D).");

    /// <summary>Adds this duration to a moment, calendar units first.</summary>
    public DateTimeOffset AddTo(DateTimeOffset moment) => moment.AddYears(Years).AddMonths(Months).AddDays(Days).Add(Time);

    /// <summary>Subtracts this duration from a moment, e.g. a reminder before a due date.</summary>
    public DateTimeOffset SubtractFrom(DateTimeOffset moment) => moment.Subtract(Time).AddDays(-Days).AddMonths(-Months).AddYears(-Years);

    /// <summary>True when the duration is zero.</summary>
    public bool IsZero => Years == 0 && Months == 0 && Days == 0 && Time == TimeSpan.Zero;

    /// <summary>The shortest this duration can last: a year of 365 days, a month of 28 (at most <see cref="TimeSpan.MaxValue"/>).</summary>
    public TimeSpan Shortest
    {
        get
        {
            var days = Years * 365.0 + Months * 28.0 + Days + Time.TotalDays;
            return days >= TimeSpan.MaxValue.TotalDays ? TimeSpan.MaxValue : TimeSpan.FromDays(Years * 365.0 + Months * 28.0 + Days) + Time;
        }
    }

    /// <summary>A span in Dutch words for messages, e.g. "1 uur" or "2 dagen 30 minuten".</summary>
    public static string Describe(TimeSpan span)
    {
        var parts = new List<string>();
        void Add(int count, string one, string many)
        {
            if (count > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}"));
            }
        }
        Add(span.Days, "dag", "dagen");
        Add(span.Hours, "uur", "uur");
        Add(span.Minutes, "minuut", "minuten");
        Add(span.Seconds, "seconde", "seconden");
        return parts.Count == 0 ? "minder dan een seconde" : string.Join(' ', parts);
    }
}
