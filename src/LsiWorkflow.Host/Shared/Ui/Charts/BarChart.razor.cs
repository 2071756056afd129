using LsiWorkflow.Host.Features.Reporting;
using Microsoft.AspNetCore.Components;

namespace LsiWorkflow.Host.Shared.Ui.Charts;

public partial class BarChart
{
    private const int Width = 480;
    private const int LabelWidth = 150;
    private const int RowHeight = 24;
    private const int MaxBar = Width - LabelWidth - 40;

    // The theme's blue first, then colours that stay apart for colour-blind readers.
    private static readonly string[] Palette = ["#154273", "#e17000", "#01689b", "#39870c", "#a90061", "#6b7b8c"];

    [Parameter, EditorRequired]
    public string Title { get; set; } = "";

    [Parameter, EditorRequired]
    public IReadOnlyList<Count> Data { get; set; } = [];

    /// <summary>Colours by label, e.g. the milestone states; otherwise the palette in order.</summary>
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

    private string ColourOf(int index) =>
        Colours?.GetValueOrDefault(Data[index].Label) ?? Palette[index % Palette.Length];
}
