using LsiWorkflow.Host.Features.Reporting;
using Microsoft.AspNetCore.Components;

namespace LsiWorkflow.Host.Shared.Ui.Charts;

public partial class BarChart
{
    private const int Width = 480;
    private const int LabelWidth = 150;
    private const int RowHeight = 24;
    private const int MaxBar = Width - LabelWidth - 40;

    // Each bar names itself, so colour adds nothing but where it carries a state: then it is the state's one colour
    // across the app (late is always red); other bars are all the theme's blue.
    private const string Neutral = "#154273";

    [Parameter, EditorRequired]
    public string Title { get; set; } = "";

    [Parameter, EditorRequired]
    public IReadOnlyList<Count> Data { get; set; } = [];

    /// <summary>Colours by label, e.g. the milestone states; otherwise one colour for all.</summary>
    [Parameter]
    public IReadOnlyDictionary<string, string>? Colours { get; set; }

    [Parameter]
    public string Empty { get; set; } = "—";

    [Parameter]
    public string? TestId { get; set; }

    private int Height => Math.Max(1, Data.Count) * RowHeight;

    private double BarLength(int value)
    {
        var max = Math.Max(1, Data.Max(d => d.Value));
        return value == 0 ? 0 : Math.Max(2.0, MaxBar * (double)value / max);
    }

    private string ColourOf(int index) => Colours?.GetValueOrDefault(Data[index].Label) ?? Neutral;

    /// <summary>The figures in words, for screen readers: the picture says nothing the text does not.</summary>
    private string Description => $"{Title}: {string.Join("; ", Data.Select(d => $"{d.Label} {d.Value.ToString(System.Globalization.CultureInfo.CurrentCulture)}"))}";
}
