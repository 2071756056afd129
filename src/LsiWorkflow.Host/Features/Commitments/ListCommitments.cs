using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskStatus = LsiWorkflow.Runtime.Persistence.TaskStatus;

namespace LsiWorkflow.Host.Features.Commitments;

/// <summary>
/// A commitment with what is still open to fulfil it: its milestones not yet reached and the open tasks of the
/// workflows about it (started with the commitment's id as correlation key). Empty once fulfilled.
/// </summary>
public sealed record CommitmentView(
    Guid Id,
    string Text,
    string SourceLetter,
    DateOnly DueOn,
    CommitmentStatus Status,
    DateOnly? FulfilledOn,
    bool IsLate,
    IReadOnlyList<string> Outstanding,
    string? Result = null,
    string? DocumentReference = null)
{
    internal static CommitmentView Of(Commitment c, DateOnly today, IReadOnlyList<string>? outstanding = null) =>
        new(c.Id, c.Text, c.SourceLetter, c.DueOn, c.Status, c.FulfilledOn, c.IsLate(today), c.Status == CommitmentStatus.Open ? outstanding ?? [] : [],
            c.Result, c.DocumentReference);
}

[Allowed(Policies.CanViewMilestones)]
public sealed record ListCommitments(Actor Actor, CommitmentStatus? Status = null) : IQuery<IReadOnlyList<CommitmentView>>, IActorMessage;

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
        var outstanding = await OutstandingAsync([.. list.Where(c => c.Status == CommitmentStatus.Open).Select(c => c.Id)], cancellationToken);
        return [.. list.Select(c => CommitmentView.Of(c, today, outstanding.GetValueOrDefault(c.Id)))];
    }

    private async Task<Dictionary<Guid, IReadOnlyList<string>>> OutstandingAsync(List<Guid> openIds, CancellationToken cancellationToken)
    {
        if (openIds.Count == 0)
        {
            return [];
        }

        var milestones = await db.Set<Milestone>().AsNoTracking()
            .Where(m => m.Subject == MilestoneSubject.Commitment && openIds.Contains(m.SubjectId) && m.ActualOn == null)
            .OrderBy(m => m.PlannedOn)
            .Select(m => new { m.SubjectId, m.Name, m.PlannedOn })
            .ToListAsync(cancellationToken);
        var keys = openIds.Select(id => id.ToString()).ToList();
        var tasks = await db.Set<TaskRecord>().AsNoTracking()
            .Where(t => t.Status == TaskStatus.Open)
            .Join(db.Set<InstanceRecord>(), t => t.InstanceId, i => i.Id, (t, i) => new { i.CorrelationKey, t.Title, t.Organisation, t.DueAt })
            .Where(t => t.CorrelationKey != null && keys.Contains(t.CorrelationKey))
            .OrderBy(t => t.DueAt)
            .ToListAsync(cancellationToken);
        return milestones.Select(m => (Id: m.SubjectId, Text: $"Mijlpaal: {m.Name} (gepland {m.PlannedOn:yyyy-MM-dd})"))
            .Concat(tasks.Select(t => (Id: Guid.Parse(t.CorrelationKey!), Text: $"Taak: {t.Title}{(t.Organisation is null ? "" : $" ({t.Organisation})")}{(t.DueAt is { } due ? $", uiterlijk {due:yyyy-MM-dd}" : "")}")))
            .GroupBy(x => x.Id)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(x => x.Text)]);
    }
}
