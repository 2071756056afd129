using LsiWorkflow.Domain;
using LsiWorkflow.Host.Components.Charts;
using LsiWorkflow.Host.Domain.Reporting;

namespace LsiWorkflow.Host.Components.Pages.Ministry;

public partial class Progress
{
    private static readonly IReadOnlyDictionary<string, string> milestoneColours =
        MilestoneStatusRules.All.ToDictionary(s => s.Label, s => TimelineChart.StateColours[s.State]);

    private ProgressFigures? figures;

    protected override async Task OnInitializedAsync() => figures = await QueryAsync(new GetProgressFigures());
}
