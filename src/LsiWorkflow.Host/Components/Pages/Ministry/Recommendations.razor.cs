using LsiWorkflow.Domain;
using LsiWorkflow.Host.Application;
using LsiWorkflow.Host.Domain.Evaluations;
using LsiWorkflow.Host.Domain.Reporting;
using MudBlazor;

namespace LsiWorkflow.Host.Components.Pages.Ministry;

public partial class Recommendations
{
    private EvaluationView? evaluation;
    private IReadOnlyList<Count> counts = [];

    protected override async Task OnInitializedAsync()
    {
        try
        {
            evaluation = await QueryAsync(new GetEvaluation());
        }
        catch (NotFoundException)
        {
            evaluation = null;
        }

        counts = Tally.FollowUpActions(evaluation);
    }

    private static Color ColourOf(FollowUpStatus status) => status switch
    {
        FollowUpStatus.Done => Color.Success,
        FollowUpStatus.InProgress => Color.Info,
        FollowUpStatus.Rejected => Color.Warning,
        _ => Color.Default,
    };
}
