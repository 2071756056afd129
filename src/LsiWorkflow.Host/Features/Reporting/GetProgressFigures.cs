using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Commitments;
using LsiWorkflow.Host.Features.Covenants;
using LsiWorkflow.Host.Features.Milestones;
using LsiWorkflow.Host.Features.Projects;
using LsiWorkflow.Host.Features.Recommendations;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskStatus = LsiWorkflow.Runtime.Persistence.TaskStatus;

namespace LsiWorkflow.Host.Features.Reporting;

public sealed record Count(string Label, int Value);

/// <summary>The numbers of one moment, for the charts and the progress report (Stand van de uitvoering).</summary>
public sealed record ProgressFigures(
    DateTimeOffset At,
    DateOnly Today,
    CovenantView? Covenant,
    MilestoneView? NextEvaluation,
    IReadOnlyList<MilestoneView> Milestones,
    IReadOnlyList<Count> MilestonesByStatus,
    IReadOnlyList<CommitmentView> Commitments,
    IReadOnlyList<Count> CommitmentsByStatus,
    EvaluationView? Evaluation,
    IReadOnlyList<Count> FollowUpActionsByStatus,
    IReadOnlyList<ProjectDetails> Projects,
    IReadOnlyList<Count> ProjectsByStatus,
    IReadOnlyList<Count> ProjectsByGate,
    IReadOnlyList<Count> OverdueTasksByOrganisation);

/// <summary>How lists are counted, the same way for the pages, the charts and the report.</summary>
public static class Tally
{
    /// <summary>The first milestone of the convenant cycle not yet reached: the next evaluation, once the last is done.</summary>
    public static MilestoneView? NextCovenantMilestone(IEnumerable<MilestoneView> milestones) =>
        milestones.Where(m => m.Subject == MilestoneSubject.CovenantCycle && m.ActualOn is null).MinBy(m => m.PlannedOn);

    public static IReadOnlyList<Count> Milestones(IReadOnlyList<MilestoneView> milestones) =>
        [.. MilestoneStatusRules.All.Select(s => new Count(s.Label, milestones.Count(m => m.Status == s.State)))];

    public static IReadOnlyList<Count> Commitments(IReadOnlyList<CommitmentView> commitments) =>
    [
        new("Nagekomen", commitments.Count(c => c.Status == CommitmentStatus.Fulfilled)),
        new("Open, op tijd", commitments.Count(c => c.Status == CommitmentStatus.Open && !c.IsLate)),
        new("Open, te laat", commitments.Count(c => c.IsLate)),
    ];

    public static IReadOnlyList<Count> FollowUpActions(EvaluationView? evaluation) =>
        [.. Enum.GetValues<FollowUpStatus>().Select(s => new Count(Labels.FollowUp(s), evaluation?.Recommendations.Sum(r => r.Actions.Count(a => a.Status == s)) ?? 0))];

    public static IReadOnlyList<Count> ProjectsByStatus(IReadOnlyList<ProjectDetails> projects) =>
        [.. Enum.GetValues<ProjectStatus>().Select(s => new Count(Labels.Status(s), projects.Count(p => p.Status == s)))];

    public static IReadOnlyList<Count> ProjectsByGate(IReadOnlyList<ProjectDetails> projects) =>
        [.. Labels.Gates.Select(g => new Count(g, projects.Count(p => Labels.Gate(p) == g)))];
}

/// <summary>Gathers the ministry's figures from the same queries its pages use, so report, charts and lists agree.</summary>
[Allowed(Policies.CanViewMilestones)]
public sealed record GetProgressFigures(Actor Actor) : IQuery<ProgressFigures>, IActorMessage;

public sealed class GetProgressFiguresHandler(ISender sender, LsiDbContext db, TimeProvider clock) : IQueryHandler<GetProgressFigures, ProgressFigures>
{
    public async ValueTask<ProgressFigures> Handle(GetProgressFigures query, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        var covenant = await OrNull(sender.Send(new GetCovenant(query.Actor), cancellationToken));
        var milestones = await sender.Send(new ListMilestones(query.Actor), cancellationToken);
        var commitments = await sender.Send(new ListCommitments(query.Actor), cancellationToken);
        var evaluation = await OrNull(sender.Send(new GetEvaluation(query.Actor), cancellationToken));
        var projects = await sender.Send(new ListProjects(query.Actor), cancellationToken);
        var overdue = await OverdueTasksAsync(at, cancellationToken);

        return new ProgressFigures(
            at,
            clock.Today(),
            covenant,
            Tally.NextCovenantMilestone(milestones),
            milestones,
            Tally.Milestones(milestones),
            commitments,
            Tally.Commitments(commitments),
            evaluation,
            Tally.FollowUpActions(evaluation),
            projects,
            Tally.ProjectsByStatus(projects),
            Tally.ProjectsByGate(projects),
            overdue);
    }

    // A task is overdue once its due moment has passed; tasks without an organisation count under their role or assignee.
    private async Task<IReadOnlyList<Count>> OverdueTasksAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var utcNow = now.ToUniversalTime();
        var rows = await db.Set<TaskRecord>().AsNoTracking()
            .Where(t => t.Status == TaskStatus.Open && t.DueAt != null && t.DueAt < utcNow)
            .GroupBy(t => t.Organisation ?? t.Role ?? t.AssigneeUser ?? "onbekend")
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.Count).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => new Count(r.Key, r.Count))];
    }

    // Before the letter is seeded there is no covenant or evaluation; the figures then simply leave them out.
    private static async Task<T?> OrNull<T>(ValueTask<T> query)
        where T : class
    {
        try
        {
            return await query;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }
}
