using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Reporting;
using LsiWorkflow.Host.Shared.UseCases;
using MudBlazor;

namespace LsiWorkflow.Host.Features.Recommendations;

public partial class RecommendationsPage
{
    private EvaluationView? evaluation;
    private IReadOnlyList<Count> counts = [];

    protected override async Task OnInitializedAsync()
    {
        try
        {
            evaluation = await QueryAsync(actor => new GetEvaluation(actor));
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
