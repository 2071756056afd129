using LsiWorkflow.Domain.Gates;
using LsiWorkflow.Host.Application;

namespace LsiWorkflow.Host.Domain;

/// <summary>How use cases turn the domain's answers into refusals, and what "today" is for them.</summary>
internal static class DomainRules
{
    // The LSI works on Dutch calendar days: a deadline is met until midnight in The Hague, not in UTC.
    private static readonly TimeZoneInfo Netherlands = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateOnly Today(this TimeProvider clock) => DayInTheNetherlands(clock.GetUtcNow());

    public static DateOnly DayInTheNetherlands(DateTimeOffset at) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Netherlands).DateTime);

    /// <summary>The domain guards its state with <see cref="InvalidOperationException"/> and a Dutch message; callers get a 409.</summary>
    public static void Apply(Action change)
    {
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            change();
        }
        catch (InvalidOperationException refused)
        {
            throw new ConflictException("Niet toegestaan", refused.Message);
        }
    }

    public static T Apply<T>(Func<T> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var result = default(T)!;
        Apply(() => { result = change(); });
        return result;
    }

    public static ConflictException Refusal(GateResult result, string title) =>
        new(title, string.Join(" ", result.Reasons.Select(r => r.Message)))
        {
            Reasons = [.. result.Reasons.Select(r => r.Message)],
        };
}
