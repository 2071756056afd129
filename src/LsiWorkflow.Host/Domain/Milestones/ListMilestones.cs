using LsiWorkflow.Domain;
using LsiWorkflow.Host.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Domain.Milestones;

public sealed record MilestoneView(Guid Id, string Name, MilestoneSubject Subject, Guid SubjectId, DateOnly PlannedOn, DateOnly? ActualOn, bool IsLate)
{
    internal static MilestoneView Of(Milestone m, DateOnly today) =>
        new(m.Id, m.Name, m.Subject, m.SubjectId, m.PlannedOn, m.ActualOn, m.IsLate(today));
}

public sealed record ListMilestones(MilestoneSubject? Subject = null, Guid? SubjectId = null) : IQuery<IReadOnlyList<MilestoneView>>;

public sealed class ListMilestonesHandler(LsiDbContext db, TimeProvider clock) : IQueryHandler<ListMilestones, IReadOnlyList<MilestoneView>>
{
    public async ValueTask<IReadOnlyList<MilestoneView>> Handle(ListMilestones query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var milestones = db.Set<Milestone>().AsNoTracking();
        if (query.Subject is { } subject)
        {
            milestones = milestones.Where(m => m.Subject == subject);
        }

        if (query.SubjectId is { } subjectId)
        {
            milestones = milestones.Where(m => m.SubjectId == subjectId);
        }

        var today = clock.Today();
        var list = await milestones.OrderBy(m => m.PlannedOn).ThenBy(m => m.Name).ToListAsync(cancellationToken);
        return [.. list.Select(m => MilestoneView.Of(m, today))];
    }
}
