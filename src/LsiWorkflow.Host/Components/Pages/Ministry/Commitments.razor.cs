using LsiWorkflow.Host.Domain.Commitments;
using LsiWorkflow.Host.Domain.Reporting;

namespace LsiWorkflow.Host.Components.Pages.Ministry;

public partial class Commitments
{
    private IReadOnlyList<CommitmentView> commitments = [];
    private IReadOnlyList<Count> counts = [];

    protected override async Task OnInitializedAsync()
    {
        commitments = await QueryAsync(new ListCommitments());
        counts = Tally.Commitments(commitments);
    }
}
