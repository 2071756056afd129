using LsiWorkflow.Domain;
using LsiWorkflow.Host.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Domain.Commitments;

public sealed record CommitmentView(Guid Id, string Text, string SourceLetter, DateOnly DueOn, CommitmentStatus Status, DateOnly? FulfilledOn, bool IsLate)
{
    internal static CommitmentView Of(Commitment c, DateOnly today) =>
        new(c.Id, c.Text, c.SourceLetter, c.DueOn, c.Status, c.FulfilledOn, c.IsLate(today));
}

public sealed record ListCommitments(CommitmentStatus? Status = null) : IQuery<IReadOnlyList<CommitmentView>>;

public sealed class ListCommitmentsHandler(LsiDbContext db, TimeProvider clock) : IQueryHandler<ListCommitments, IReadOnlyList<CommitmentView>>
{
    public async ValueTask<IReadOnlyList<CommitmentView>> Handle(ListCommitments query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var commitments = db.Set<Commitment>().AsNoTracking();
        if (query.Status is { } status)
        {
            commitments = commitments.Where(c => c.Status == status);
        }

        var today = clock.Today();
        var list = await commitments.OrderBy(c => c.DueOn).ThenBy(c => c.Text).ToListAsync(cancellationToken);
        return [.. list.Select(c => CommitmentView.Of(c, today))];
    }
}
