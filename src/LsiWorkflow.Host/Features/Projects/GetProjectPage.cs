using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Tasks;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskStatus = LsiWorkflow.Runtime.Persistence.TaskStatus;

namespace LsiWorkflow.Host.Features.Projects;

/// <summary>One line of the project's history: who (by name, for which organisation), when, what and why.</summary>
public sealed record ProjectHistoryLine(DateTimeOffset At, string Person, string? Organisation, string Action, string? What, string? Why);

/// <summary>A workflow run about the project: a workflow is started with the project's id as its correlation key.</summary>
public sealed record ProjectInstanceLine(Guid Id, string DefinitionId, string WorkflowName, string Status, string? StartedBy, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt);

public sealed record ProjectTaskLine(Guid Id, string Title, string? Organisation, string? Role, DateTimeOffset? DueAt);

public sealed record ProjectMilestoneLine(Guid Id, string Name, DateOnly PlannedOn, DateOnly? ActualOn);

public sealed record ProjectPageView(
    ProjectDetails Project,
    IReadOnlyList<ProjectHistoryLine> History,
    IReadOnlyList<ProjectInstanceLine> Instances,
    IReadOnlyList<ProjectTaskLine> OpenTasks,
    IReadOnlyList<ProjectMilestoneLine> Milestones,
    bool ApprovalRunning);

/// <summary>
/// Everything the project's page shows. Open tasks are only those the reader may see in their own inbox, so the
/// page tells nobody of another organisation's task.
/// </summary>
[Allowed(Policies.AnyRole)]
public sealed record GetProjectPage(Actor Actor, Guid ProjectId) : IQuery<ProjectPageView>, IActorMessage;

public sealed class GetProjectPageHandler(LsiDbContext db, TimeProvider clock) : IQueryHandler<GetProjectPage, ProjectPageView>
{
    /// <summary>The workflow the project's page starts; its Start takes the project's id as its input.</summary>
    public const string ApprovalWorkflow = "project-approval";

    public async ValueTask<ProjectPageView> Handle(GetProjectPage query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (project, lookup) = await ProjectLookup.ForProjectAsync(db, query.ProjectId, cancellationToken);
        var key = project.Id.ToString();

        var audit = await db.Set<AuditEntry>().AsNoTracking()
            .Where(a => a.ProjectId == project.Id || a.SubjectId == project.Id)
            .OrderBy(a => a.At).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        var instances = await db.Set<InstanceRecord>().AsNoTracking()
            .Where(i => i.CorrelationKey == key)
            .OrderByDescending(i => i.CreatedAt)
            .ToListAsync(cancellationToken);
        var definitionIds = instances.Select(i => i.DefinitionId).Distinct().ToList();
        var workflowNames = (await db.Set<DefinitionRecord>().AsNoTracking()
                .Where(d => definitionIds.Contains(d.DefinitionId))
                .Select(d => new { d.DefinitionId, d.Version, d.Name })
                .ToListAsync(cancellationToken))
            .GroupBy(d => d.DefinitionId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(d => d.Version).First().Name);

        var tasks = new List<TaskRecord>();
        var open = db.Set<TaskRecord>().AsNoTracking()
            .Where(t => t.Status == TaskStatus.Open && db.Set<InstanceRecord>().Any(i => i.Id == t.InstanceId && i.CorrelationKey == key));
        foreach (var branch in TaskAccess.VisibleBranches(query.Actor, includeCompleted: false))
        {
            tasks.AddRange(await open.Where(branch).ToListAsync(cancellationToken));
        }

        var milestones = await db.Set<Milestone>().AsNoTracking()
            .Where(m => m.Subject == MilestoneSubject.Project && m.SubjectId == project.Id)
            .OrderBy(m => m.PlannedOn)
            .Select(m => new ProjectMilestoneLine(m.Id, m.Name, m.PlannedOn, m.ActualOn))
            .ToListAsync(cancellationToken);

        var userNames = audit.Select(a => a.ActorUserName).Concat(instances.Select(i => i.StartedBy)).OfType<string>().Distinct().ToList();
        var people = await db.Users.AsNoTracking()
            .Where(u => userNames.Contains(u.UserName!))
            .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, cancellationToken);
        string Person(string? userName) => userName is null ? "" : people.GetValueOrDefault(userName) ?? userName;
        string? OrganisationName(string? code) => code is null ? null : lookup.Organisation(code)?.Name ?? code;

        return new ProjectPageView(
            lookup.View(project, clock.Today()),
            [.. audit.Select(a => new ProjectHistoryLine(a.At, Person(a.ActorUserName), OrganisationName(a.ActorOrganisation), a.Action,
                a.What.TrimStart().StartsWith('{') ? null : a.What, a.Why))],
            [.. instances.Select(i => new ProjectInstanceLine(i.Id, i.DefinitionId, workflowNames.GetValueOrDefault(i.DefinitionId) ?? i.DefinitionId,
                i.Status, i.StartedBy is null ? null : Person(i.StartedBy), i.CreatedAt, i.FinishedAt))],
            [.. tasks.DistinctBy(t => t.Id).OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt)
                .Select(t => new ProjectTaskLine(t.Id, t.Title, OrganisationName(t.Organisation), t.Role, t.DueAt))],
            milestones,
            instances.Any(i => i.DefinitionId == ApprovalWorkflow && i.FinishedAt == null));
    }
}
