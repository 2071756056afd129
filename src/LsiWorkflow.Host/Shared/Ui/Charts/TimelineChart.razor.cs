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
        [MilestoneState.AtRisk] = "#b35300",
        [MilestoneState.Late] = "#d52b1e",
        [MilestoneState.Done] = "#39870c",
    };

    private const double MarkSize = 7;
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

    /// <summary>The figures in words, for screen readers; the milestones themselves are listed on the page.</summary>
    private string Description =>
        $"{Title}: {string.Join("; ", Points.GroupBy(p => p.StatusLabel).Select(g => $"{g.Key} {g.Count().ToString(System.Globalization.CultureInfo.CurrentCulture)}"))}";

    private DateOnly First => new(Math.Min(Points.Min(p => p.PlannedOn.Year), Today.Year), 1, 1);

    private DateOnly Last => new(Math.Max(Points.Max(p => p.PlannedOn.Year), Today.Year) + 1, 1, 1);

    private IEnumerable<int> Years => Enumerable.Range(First.Year, Last.Year - First.Year + 1);

    private string X(DateOnly day) => Svg.Number(XOf(day));

    private double XOf(DateOnly day)
    {
        var span = Math.Max(1, Last.DayNumber - First.DayNumber);
        return Margin + (Width - 2.0 * Margin) * (day.DayNumber - First.DayNumber) / span;
    }

    /// <summary>A state's mark has its own shape as well as its colour: planned an open ring, at risk a diamond, late a square, done a dot.</summary>
    internal static MarkupString Mark(MilestoneState state, double x, double y)
    {
        var colour = StateColours[state];
        const double s = MarkSize;
        return new(state switch
        {
            MilestoneState.Planned => $"<circle cx=\"{Svg.Number(x)}\" cy=\"{Svg.Number(y)}\" r=\"{Svg.Number(s - 1.5)}\" fill=\"#fff\" stroke=\"{colour}\" stroke-width=\"3\" />",
            MilestoneState.AtRisk => $"<polygon points=\"{Svg.Number(x)},{Svg.Number(y - s)} {Svg.Number(x + s)},{Svg.Number(y)} {Svg.Number(x)},{Svg.Number(y + s)} {Svg.Number(x - s)},{Svg.Number(y)}\" fill=\"{colour}\" />",
            MilestoneState.Late => $"<rect x=\"{Svg.Number(x - s + 1)}\" y=\"{Svg.Number(y - s + 1)}\" width=\"{Svg.Number(2 * s - 2)}\" height=\"{Svg.Number(2 * s - 2)}\" fill=\"{colour}\" />",
            _ => $"<circle cx=\"{Svg.Number(x)}\" cy=\"{Svg.Number(y)}\" r=\"{Svg.Number(s)}\" fill=\"{colour}\" />",
        });
    }

    // Dots that fall close together climb to the next lane, so none hides another.
    private static int Lane(int index) => AxisY - 12 - (index % Lanes) * LaneHeight;
}
