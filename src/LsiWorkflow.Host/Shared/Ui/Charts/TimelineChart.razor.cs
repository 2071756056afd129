using LsiWorkflow.Domain;
using Microsoft.AspNetCore.Components;

namespace LsiWorkflow.Host.Shared.Ui.Charts;

/// <summary>One dot on the timeline: a milestone or an agenda item.</summary>
public sealed record TimelinePoint(string Name, DateOnly PlannedOn, MilestoneState Status, string StatusLabel);

public partial class TimelineChart
{
    public static readonly IReadOnlyDictionary<MilestoneState, string> StateColours = new Dictionary<MilestoneState, string>
    {
        [MilestoneState.Planned] = "#01689b",
        [MilestoneState.AtRisk] = "#e17000",
        [MilestoneState.Late] = "#d52b1e",
        [MilestoneState.Done] = "#39870c",
    };

    private const int Width = 900;
    private const int Margin = 24;
    private const int Lanes = 5;
    private const int LaneHeight = 16;
    private const int AxisY = 30 + Lanes * LaneHeight;
    private const int Height = AxisY + 26;

    [Parameter, EditorRequired]
    public string Title { get; set; } = "";

    [Parameter, EditorRequired]
    public IReadOnlyList<TimelinePoint> Points { get; set; } = [];

    [Parameter, EditorRequired]
    public DateOnly Today { get; set; }

    [Parameter]
    public string TodayLabel { get; set; } = "";

    private DateOnly First => new(Math.Min(Points.Min(p => p.PlannedOn.Year), Today.Year), 1, 1);

    private DateOnly Last => new(Math.Max(Points.Max(p => p.PlannedOn.Year), Today.Year) + 1, 1, 1);

    private IEnumerable<int> Years => Enumerable.Range(First.Year, Last.Year - First.Year + 1);

    private string X(DateOnly day) => Svg.Number(XOf(day));

    private double XOf(DateOnly day)
    {
        var span = Math.Max(1, Last.DayNumber - First.DayNumber);
        return Margin + (Width - 2.0 * Margin) * (day.DayNumber - First.DayNumber) / span;
    }

    // Dots that fall close together climb to the next lane, so none hides another.
    private static int Lane(int index) => AxisY - 12 - (index % Lanes) * LaneHeight;
}
