using LsiWorkflow.Domain.Gates;
namespace LsiWorkflow.Host.Shared.UseCases;

/// <summary>How use cases turn the gates' answers into refusals, and what "today" is for them.</summary>
internal static class DomainRules
{
    // The LSI works on Dutch calendar days: a deadline is met until midnight in The Hague, not in UTC.
    private static readonly TimeZoneInfo Netherlands = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateOnly Today(this TimeProvider clock) => DayInTheNetherlands(clock.GetUtcNow());

    public static DateOnly DayInTheNetherlands(DateTimeOffset at) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Netherlands).DateTime);

    public static ConflictException Refusal(GateResult result, string title) =>
        new(title, string.Join(" ", result.Reasons.Select(r => r.Message)))
        {
            Reasons = [.. result.Reasons.Select(r => r.Message)],
        };
}
