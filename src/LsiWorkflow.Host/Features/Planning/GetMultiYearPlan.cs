using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Milestones;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Planning;

public sealed record MultiYearPlanView(
    Guid Id,
    string Title,
    int FirstYear,
    int LastYear,
    IReadOnlyList<ThemeView> Themes,
    IReadOnlyList<AgendaItemView> Agenda,
    IReadOnlyList<WorkingGroupView> WorkingGroups,
    IReadOnlyList<WorkAgreementView> WorkAgreements,
    IReadOnlyList<ProgressReportView> ProgressReports);

public sealed record ThemeView(Guid Id, string Name, string? Description, IReadOnlyList<PhenomenonView> Phenomena);

public sealed record PhenomenonView(Guid Id, string Name, string? Description);

/// <summary>
/// An agenda item read as a milestone of the plan: planned for its day, or for the last day of its year when the
/// agenda names only the year (<see cref="AgendaItem.DueOn"/>), and its state follows the milestone rules.
/// </summary>
public sealed record AgendaItemView(Guid Id, int Year, string Title, Guid? ThemeId, DateOnly? CompletedOn, DateOnly PlannedOn, MilestoneState Status, string StatusLabel, string Rule)
{
    internal static AgendaItemView Of(AgendaItem item, DateOnly today, int openTasks)
    {
        var plannedOn = item.DueOn;
        var status = MilestoneStatusRules.Evaluate(plannedOn, item.CompletedOn, today, openTasks);
        return new(item.Id, item.Year, item.Title, item.ThemeId, item.CompletedOn, plannedOn, status.State, status.Label, status.Rule);
    }
}

public sealed record WorkingGroupView(Guid Id, string Name, Guid AdoptedByMemberId, string? AdoptedBy);

public sealed record WorkAgreementView(Guid Id, string Title, string Text);

public sealed record ProgressReportView(Guid Id, int Year, DateOnly PlannedOn, DateOnly? PublishedOn);

/// <summary>One plan by id, or else the plan that covers this year (the newest when none does).</summary>
[Allowed(Policies.AnyRole)]
public sealed record GetMultiYearPlan(Actor Actor, Guid? PlanId = null) : IQuery<MultiYearPlanView>, IActorMessage;

public sealed class GetMultiYearPlanHandler(LsiDbContext db, TimeProvider clock) : IQueryHandler<GetMultiYearPlan, MultiYearPlanView>
{
    public async ValueTask<MultiYearPlanView> Handle(GetMultiYearPlan query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var plans = db.Set<MultiYearPlan>().AsNoTracking();
        var today = clock.Today();
        var year = today.Year;
        var plan = query.PlanId is { } id
            ? await plans.SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            : await plans.OrderByDescending(p => p.FirstYear <= year && year <= p.LastYear).ThenByDescending(p => p.FirstYear).FirstOrDefaultAsync(cancellationToken);
        if (plan is null)
        {
            throw new NotFoundException(query.PlanId is null ? "Er is nog geen meerjarenplan." : $"Meerjarenplan {query.PlanId} bestaat niet.");
        }

        var openTasks = await db.OpenTasksBySubjectAsync([.. plan.AgendaItems.Select(a => a.Id)], cancellationToken);
        var members = (await db.Set<SteeringGroup>().AsNoTracking().ToListAsync(cancellationToken))
            .SelectMany(g => g.Members)
            .ToDictionary(m => m.Id, m => m.PersonName);
        return new MultiYearPlanView(
            plan.Id,
            plan.Title,
            plan.FirstYear,
            plan.LastYear,
            [.. plan.Themes.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => new ThemeView(t.Id, t.Name, t.Description,
                [.. t.Phenomena.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new PhenomenonView(p.Id, p.Name, p.Description))]))],
            [.. plan.AgendaItems.OrderBy(a => a.Year).ThenBy(a => a.Title, StringComparer.Ordinal).Select(a => AgendaItemView.Of(a, today, openTasks.GetValueOrDefault(a.Id)))],
            [.. plan.WorkingGroups.OrderBy(g => g.Name, StringComparer.Ordinal).Select(g => new WorkingGroupView(g.Id, g.Name, g.AdoptedByMemberId, members.GetValueOrDefault(g.AdoptedByMemberId)))],
            [.. plan.WorkAgreements.OrderBy(a => a.Title, StringComparer.Ordinal).Select(a => new WorkAgreementView(a.Id, a.Title, a.Text))],
            [.. plan.ProgressReports.OrderBy(r => r.Year).Select(r => new ProgressReportView(r.Id, r.Year, r.PlannedOn, r.PublishedOn))]);
    }
}
