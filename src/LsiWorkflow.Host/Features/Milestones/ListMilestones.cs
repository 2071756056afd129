using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Cooperation;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskStatus = LsiWorkflow.Runtime.Persistence.TaskStatus;

namespace LsiWorkflow.Host.Features.Milestones;

/// <summary>
/// A milestone with its state at this moment and the rule that gave it. <see cref="Organisations"/> lists the
/// organisation codes it concerns; empty means all partners (the convenant cycle, the plan, a commitment).
/// </summary>
public sealed record MilestoneView(
    Guid Id,
    string Name,
    MilestoneSubject Subject,
    Guid SubjectId,
    DateOnly PlannedOn,
    DateOnly? ActualOn,
    bool IsLate,
    MilestoneState Status,
    string StatusLabel,
    string Rule,
    int OpenTasks,
    IReadOnlyList<string> Organisations)
{
    internal static MilestoneView Of(Milestone m, DateOnly today, int openTasks = 0, IReadOnlyList<string>? organisations = null)
    {
        var status = m.StatusOn(today, openTasks);
        return new(m.Id, m.Name, m.Subject, m.SubjectId, m.PlannedOn, m.ActualOn, m.IsLate(today), status.State, status.Label, status.Rule, openTasks, organisations ?? []);
    }
}

/// <summary>
/// Milestones by planned date, optionally of one subject, of one planned year, or concerning one organisation
/// (by code: its projects' milestones and those that concern all partners).
/// </summary>
[Allowed(Policies.CanViewMilestones)]
public sealed record ListMilestones(Actor Actor, MilestoneSubject? Subject = null, Guid? SubjectId = null, int? Year = null, string? Organisation = null)
    : IQuery<IReadOnlyList<MilestoneView>>, IActorMessage;

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

        if (query.Year is { } year)
        {
            milestones = milestones.Where(m => m.PlannedOn >= new DateOnly(year, 1, 1) && m.PlannedOn <= new DateOnly(year, 12, 31));
        }

        var today = clock.Today();
        var list = await milestones.OrderBy(m => m.PlannedOn).ThenBy(m => m.Name).ToListAsync(cancellationToken);
        var openTasks = await db.OpenTasksBySubjectAsync([.. list.Select(m => m.SubjectId).Distinct()], cancellationToken);
        var organisations = await ProjectOrganisationsAsync([.. list.Where(m => m.Subject == MilestoneSubject.Project).Select(m => m.SubjectId).Distinct()], cancellationToken);
        var views = list.Select(m => MilestoneView.Of(m, today, openTasks.GetValueOrDefault(m.SubjectId), organisations.GetValueOrDefault(m.SubjectId)));
        if (!string.IsNullOrWhiteSpace(query.Organisation))
        {
            views = views.Where(v => v.Organisations.Count == 0 || v.Organisations.Contains(query.Organisation.Trim(), StringComparer.OrdinalIgnoreCase));
        }

        return [.. views];
    }

    // A project's milestones concern its municipality and its participants.
    private async Task<Dictionary<Guid, IReadOnlyList<string>>> ProjectOrganisationsAsync(List<Guid> projectIds, CancellationToken cancellationToken)
    {
        if (projectIds.Count == 0)
        {
            return [];
        }

        var codes = await db.OrganisationCodesAsync(cancellationToken);
        // Only the columns the filter needs: a decade of projects should not be loaded whole for a list of codes.
        var projects = await db.Set<Project>().AsNoTracking()
            .Where(p => projectIds.Contains(p.Id))
            .Select(p => new { p.Id, p.MunicipalityId, Participants = p.Participants.Select(x => x.OrganisationId).ToList() })
            .ToListAsync(cancellationToken);
        return projects.ToDictionary(
            p => p.Id,
            p => (IReadOnlyList<string>)[.. new[] { p.MunicipalityId }.Concat(p.Participants.Select(id => (Guid?)id))
                .OfType<Guid>().Select(id => codes.GetValueOrDefault(id, id.ToString())).Distinct()]);
    }
}

public static class MilestoneTasks
{
    /// <summary>
    /// Open human tasks per subject. A workflow about a covenant, plan, project or commitment is started with that
    /// subject's id as its correlation key, which is how a milestone knows the work still open for it.
    /// </summary>
    public static async Task<Dictionary<Guid, int>> OpenTasksBySubjectAsync(this LsiDbContext db, IReadOnlyCollection<Guid> subjectIds, CancellationToken cancellationToken)
    {
        if (subjectIds.Count == 0)
        {
            return [];
        }

        var keys = subjectIds.Select(id => id.ToString()).ToList();
        var counts = await db.Set<TaskRecord>().AsNoTracking()
            .Where(t => t.Status == TaskStatus.Open)
            .Join(db.Set<InstanceRecord>(), t => t.InstanceId, i => i.Id, (t, i) => i.CorrelationKey)
            .Where(key => key != null && keys.Contains(key))
            .GroupBy(key => key!)
            .Select(g => new { Key = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return counts.Where(c => Guid.TryParse(c.Key, out _)).ToDictionary(c => Guid.Parse(c.Key), c => c.Count);
    }
}
