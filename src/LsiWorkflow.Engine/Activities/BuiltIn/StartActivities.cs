using System.Globalization;
using System.Text.Json.Nodes;
using Cronos;
using LsiWorkflow.Engine.Definitions;

namespace LsiWorkflow.Engine.Activities;

/// <summary>One typed input of a <see cref="Start"/>.</summary>
/// <param name="Name">Input name.</param>
/// <param name="Type">A <see cref="VariableTypes"/> name.</param>
/// <param name="Required">Whether starting without it fails.</param>
public sealed record StartInput(string Name, string Type = VariableTypes.String, bool Required = false);

/// <summary>Manual or API start with typed inputs.</summary>
[Activity("Start", Category = "Start", DisplayName = "Start", Description = "Begin van de workflow, handmatig of via de API, met getypeerde invoer.", IsStart = true)]
[Outcomes("Done")]
public sealed class Start : Activity
{
    /// <summary>Declared inputs.</summary>
    [ActivityProperty(Kind = PropertyKind.Inputs, SupportsExpression = false, DisplayName = "Invoer", Description = "Invoervelden met naam, type en of ze verplicht zijn.")]
    public IReadOnlyList<StartInput>? Inputs { get; set; }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var input in Inputs ?? [])
        {
            var value = context.Input[input.Name];
            if (value is null)
            {
                if (input.Required)
                {
                    return ValueTask.FromResult(ActivityResult.Fault($"Verplichte invoer '{input.Name}' ontbreekt."));
                }
                continue;
            }
            if (!JsonTypes.Matches(value, input.Type))
            {
                return ValueTask.FromResult(ActivityResult.Fault($"Invoer '{input.Name}' moet van het type {input.Type} zijn."));
            }
        }
        context.Output = context.Input.DeepClone();
        return ValueTask.FromResult(ActivityResult.Done);
    }

    /// <inheritdoc />
    public override void Validate(ActivityValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Literal("inputs") is not JsonArray inputs)
        {
            return;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < inputs.Count; i++)
        {
            var name = ActivityValidationContext.Field(inputs[i], "name");
            var type = ActivityValidationContext.Field(inputs[i], "type") ?? VariableTypes.String;
            if (string.IsNullOrWhiteSpace(name) || !names.Add(name))
            {
                context.Report(ValidationCodes.DuplicateName, $"inputs[{i}].name", $"Invoer {i + 1} heeft geen of een dubbele naam.");
            }
            if (!VariableTypes.All.Contains(type))
            {
                context.Report(ValidationCodes.WrongPropertyType, $"inputs[{i}].type", $"Onbekend invoertype '{type}'.");
            }
        }
    }
}

/// <summary>
/// Recurring or scheduled start: a cron expression, an interval from an anchor date (every P5Y from 2017-07-01)
/// or one fixed moment. The host asks <see cref="NextOccurrence"/> when to start the next instance.
/// </summary>
[Activity("TimerStart", Category = "Start", DisplayName = "Geplande start", Description = "Start volgens een cron-schema, elke periode vanaf een ankerdatum, of op een vast moment.", IsStart = true)]
[Outcomes("Done")]
public sealed class TimerStart : Activity
{
    /// <summary>Five-field cron expression.</summary>
    [ActivityProperty(Kind = PropertyKind.Cron, SupportsExpression = false, DisplayName = "Cron-schema", Description = "Cron-expressie met vijf velden, bijvoorbeeld '0 9 1 * *'.")]
    public string? Cron { get; set; }

    /// <summary>Interval as ISO-8601 duration.</summary>
    [ActivityProperty(Kind = PropertyKind.Duration, SupportsExpression = false, DisplayName = "Elke", Description = "Periode tussen starts, bijvoorbeeld P5Y.")]
    public string? Every { get; set; }

    /// <summary>Anchor date for <see cref="Every"/>.</summary>
    [ActivityProperty(Kind = PropertyKind.Date, SupportsExpression = false, DisplayName = "Vanaf", Description = "Ankerdatum van de periode, bijvoorbeeld 2017-07-01.")]
    public string? From { get; set; }

    /// <summary>One fixed start moment.</summary>
    [ActivityProperty(Kind = PropertyKind.DateTime, SupportsExpression = false, DisplayName = "Op", Description = "Eenmalig startmoment.")]
    public string? At { get; set; }

    /// <summary>Time zone for cron and anchor dates.</summary>
    [ActivityProperty(Kind = PropertyKind.Text, SupportsExpression = false, Default = "Europe/Amsterdam", DisplayName = "Tijdzone", Description = "IANA-tijdzone voor het schema.")]
    public string? TimeZone { get; set; }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Done);

    /// <summary>The first start strictly after <paramref name="after"/>, or null when there is none.</summary>
    public DateTimeOffset? NextOccurrence(DateTimeOffset after)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone ?? "Europe/Amsterdam");
        if (!string.IsNullOrWhiteSpace(Cron))
        {
            return CronExpression.Parse(Cron, CronFormat.Standard).GetNextOccurrence(after, zone);
        }
        if (!string.IsNullOrWhiteSpace(Every))
        {
            return NextInterval(after, IsoDuration.Parse(Every), zone);
        }
        if (!string.IsNullOrWhiteSpace(At) && JsonTypes.TryParseMoment(At, out var at))
        {
            return at > after ? at : null;
        }
        return null;
    }

    private DateTimeOffset? NextInterval(DateTimeOffset after, IsoDuration every, TimeZoneInfo zone)
    {
        if (every.IsZero)
        {
            return null;
        }
        var anchor = string.IsNullOrWhiteSpace(From)
            ? throw new InvalidOperationException("'every' heeft een ankerdatum 'from' nodig.")
            : DateOnly.ParseExact(From, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue);

        // Occurrence k is computed from the anchor (not from occurrence k-1) so month ends do not drift.
        DateTimeOffset At(long k)
        {
            var local = anchor.AddYears((int)(every.Years * k)).AddMonths((int)(every.Months * k)).AddDays(every.Days * k).Add(every.Time * k);
            while (zone.IsInvalidTime(local))
            {
                local = local.AddHours(1);
            }
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }

        var approximateDays = every.Years * 365.2425 + every.Months * 30.436875 + every.Days + every.Time.TotalDays;
        var elapsedDays = (after - At(0)).TotalDays;
        var k = Math.Max(0, (long)(elapsedDays / approximateDays) - 2);
        for (var guard = 0; guard < 10_000; guard++, k++)
        {
            var occurrence = At(k);
            if (occurrence > after)
            {
                return occurrence;
            }
        }
        return null;
    }

    /// <summary>
    /// The shortest time between two starts of a cron schedule over a year of its occurrences (at most 2,000 looked
    /// at, which any schedule allowed by a floor of a minute or more covers), or null when it does not parse.
    /// </summary>
    private static TimeSpan? ShortestCronGap(string cron)
    {
        CronExpression expression;
        try
        {
            expression = CronExpression.Parse(cron, CronFormat.Standard);
        }
        catch (CronFormatException)
        {
            return null;
        }
        var from = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        TimeSpan? shortest = null;
        DateTimeOffset? previous = null;
        foreach (var occurrence in expression.GetOccurrences(from, from.AddYears(1), TimeZoneInfo.Utc).Take(2_000))
        {
            if (previous is { } p && (shortest is null || occurrence - p < shortest))
            {
                shortest = occurrence - p;
            }
            previous = occurrence;
        }
        return shortest;
    }

    /// <inheritdoc />
    public override void Validate(ActivityValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var given = new[] { "cron", "every", "at" }.Count(context.Has);
        if (given != 1)
        {
            context.Report(ValidationCodes.InvalidSchedule, "", "Een geplande start heeft precies één van 'cron', 'every' of 'at' nodig.");
        }
        if (context.Has("every") && !context.Has("from"))
        {
            context.Report(ValidationCodes.MissingRequiredProperty, "from", "Bij 'every' hoort een ankerdatum 'from'.");
        }
        if (context.LiteralText("every") is { } every && IsoDuration.TryParse(every, out var duration))
        {
            if (duration.IsZero)
            {
                context.Report(ValidationCodes.InvalidDuration, "every", "De periode mag niet nul zijn.");
            }
            else if (duration.Shortest < context.MinimumPeriod)
            {
                context.Report(ValidationCodes.PeriodTooShort, "every",
                    $"De periode is korter dan de kortste toegestane periode ({IsoDuration.Describe(context.MinimumPeriod)}): zo start er te vaak een instantie.");
            }
        }
        if (context.LiteralText("cron") is { } cron && ShortestCronGap(cron) is { } gap && gap < context.MinimumPeriod)
        {
            context.Report(ValidationCodes.PeriodTooShort, "cron",
                $"Dit schema start al na {IsoDuration.Describe(gap)} opnieuw; de kortste toegestane periode is {IsoDuration.Describe(context.MinimumPeriod)}.");
        }
        if (context.LiteralText("timeZone") is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            context.Report(ValidationCodes.WrongPropertyType, "timeZone", $"Onbekende tijdzone '{zone}'.");
        }
    }
}
