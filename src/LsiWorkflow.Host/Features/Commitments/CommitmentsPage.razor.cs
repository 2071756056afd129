using LsiWorkflow.Host.Features.Reporting;

namespace LsiWorkflow.Host.Features.Commitments;

public partial class CommitmentsPage
{
    private IReadOnlyList<CommitmentView> commitments = [];
    private IReadOnlyList<Count> counts = [];

    protected override async Task OnInitializedAsync()
    {
        commitments = await QueryAsync(actor => new ListCommitments(actor));
        counts = Tally.Commitments(commitments);
    }
}
