namespace LsiWorkflow.Domain;

public enum MilestoneState
{
    Planned,
    AtRisk,
    Late,
    Done,
}

/// <summary>A milestone's state at one moment, with the rule that gave it, written for the reader.</summary>
public sealed record MilestoneStatus(MilestoneState State, string Label, string Rule);

/// <summary>
/// How a milestone's state follows from its dates, today and the work still open for it. The first rule
/// that holds wins, in the order done, late, at risk, planned. On the planned day itself a milestone is
/// not yet late; it is at risk from <see cref="RiskWindowDays"/> days before that day while tasks are open.
/// </summary>
public static class MilestoneStatusRules
{
    public const int RiskWindowDays = 30;

    public static MilestoneStatus Done { get; } = new(MilestoneState.Done, "Gereed", "Gereed: gerealiseerd, de werkelijke datum is vastgelegd");

    public static MilestoneStatus Late { get; } = new(MilestoneState.Late, "Te laat", "Te laat: geplande datum verstreken en niet gerealiseerd");

    public static MilestoneStatus AtRisk { get; } = new(MilestoneState.AtRisk, "Risico", $"Risico: minder dan {RiskWindowDays} dagen tot de geplande datum en nog open taken");

    public static MilestoneStatus Planned { get; } = new(MilestoneState.Planned, "Gepland", $"Gepland: geplande datum nog niet verstreken, en niet binnen {RiskWindowDays} dagen met open taken");

    public static IReadOnlyList<MilestoneStatus> All { get; } = [Planned, AtRisk, Late, Done];

    public static MilestoneStatus Evaluate(DateOnly plannedOn, DateOnly? actualOn, DateOnly today, int openTasks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(openTasks);
        if (actualOn is not null)
        {
            return Done;
        }

        if (today > plannedOn)
        {
            return Late;
        }

        var daysLeft = plannedOn.DayNumber - today.DayNumber;
        return daysLeft < RiskWindowDays && openTasks > 0 ? AtRisk : Planned;
    }

    public static MilestoneStatus Of(MilestoneState state) => All.Single(s => s.State == state);
}
