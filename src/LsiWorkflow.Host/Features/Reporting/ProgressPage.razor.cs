using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Ui.Charts;
namespace LsiWorkflow.Host.Features.Reporting;

public partial class ProgressPage
{
    private static readonly IReadOnlyDictionary<string, string> milestoneColours =
        MilestoneStatusRules.All.ToDictionary(s => s.Label, s => TimelineChart.StateColours[s.State]);

    private ProgressFigures? figures;

    protected override async Task OnInitializedAsync() => figures = await QueryAsync(actor => new GetProgressFigures(actor));
}
