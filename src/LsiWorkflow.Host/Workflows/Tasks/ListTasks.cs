using System.Text.Json;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Host.Application;
using LsiWorkflow.Host.Identity;
using LsiWorkflow.Host.Persistence;
using LsiWorkflow.Host.Workflows.Persistence;
using LsiWorkflow.Host.Workflows.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskStatus = LsiWorkflow.Host.Workflows.Persistence.TaskStatus;

namespace LsiWorkflow.Host.Workflows.Tasks;

public sealed record TaskItem(
    Guid Id,
    Guid InstanceId,
    string DefinitionId,
    string ActivityId,
    string Title,
    string? Description,
    string? Organisation,
    string? Role,
    string? AssigneeUser,
    IReadOnlyList<string> Outcomes,
    IReadOnlyList<string> CommentRequiredFor,
    IReadOnlyList<FormField> FormFields,
    DateTimeOffset? DueAt,
    string Priority,
    string Status,
    DateTimeOffset CreatedAt,
    string? ClaimedBy = null,
    string? CompletedBy = null,
    string? Outcome = null,
    string? Comment = null,
    DateTimeOffset? ClosedAt = null);

/// <summary>Whose tasks: everything the actor may see, only theirs (assigned or claimed), or their organisation's.</summary>
public enum TaskScope
{
    Visible,
    Mine,
    Organisation,
}

public enum TaskSort
{
    DueDate,
    Priority,
}

/// <summary>How a person filters and sorts their inbox; also what a saved view keeps.</summary>
public sealed record TaskFilter(
    TaskScope Scope = TaskScope.Visible,
    bool Overdue = false,
    bool DueThisWeek = false,
    string? DefinitionId = null,
    TaskStatus Status = TaskStatus.Open,
    TaskSort Sort = TaskSort.DueDate);

/// <summary>
/// The tasks the actor may see, open ones by default: assigned to or claimed by them, of their organisation
/// (for their role), or of a role they hold. A secretary sees every task (read-only unless assigned).
/// </summary>
public sealed record ListOpenTasks(Actor Actor, int Take = 200, TaskFilter? Filter = null) : IQuery<IReadOnlyList<TaskItem>>;

public sealed class ListOpenTasksHandler(LsiDbContext db, TimeProvider time) : IQueryHandler<ListOpenTasks, IReadOnlyList<TaskItem>>
{
    private static readonly TimeZoneInfo Dutch = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public async ValueTask<IReadOnlyList<TaskItem>> Handle(ListOpenTasks query, CancellationToken cancellationToken)
    {
        var filter = query.Filter ?? new TaskFilter();
        var take = Math.Clamp(query.Take, 1, 1000);
        var tasks = db.Set<TaskRecord>().AsNoTracking().Where(t => t.Status == filter.Status);
        var now = time.GetUtcNow();
        if (filter.Overdue)
        {
            tasks = tasks.Where(t => t.DueAt < now);
        }
        if (filter.DueThisWeek)
        {
            var endOfWeek = EndOfWeek(now);
            tasks = tasks.Where(t => t.DueAt >= now && t.DueAt < endOfWeek);
        }
        if (!string.IsNullOrWhiteSpace(filter.DefinitionId))
        {
            tasks = tasks.Where(t => t.DefinitionId == filter.DefinitionId);
        }
        // Each branch of visibility takes its first rows in the requested order; their union, ordered the same
        // way, holds the first rows of all.
        var rows = new Dictionary<Guid, TaskRecord>();
        foreach (var branch in TaskAccess.VisibleBranches(query.Actor, includeCompleted: filter.Status != TaskStatus.Open, filter.Scope))
        {
            foreach (var row in await Sorted(tasks.Where(branch), filter.Sort).Take(take).ToListAsync(cancellationToken))
            {
                rows.TryAdd(row.Id, row);
            }
        }
        var merged = filter.Sort == TaskSort.Priority
            ? rows.Values.OrderBy(t => PriorityRank(t.Priority)).ThenBy(t => t.DueAt == null).ThenBy(t => t.DueAt)
            : rows.Values.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt);
        return [.. merged.ThenBy(t => t.CreatedAt).Take(take).Select(ToItem)];
    }

    /// <summary>
    /// Due date first, tasks without one last (PostgreSQL sorts nulls last in ascending order, so the plain
    /// order can walk an index); or priority, then due date.
    /// </summary>
    private static IOrderedQueryable<TaskRecord> Sorted(IQueryable<TaskRecord> tasks, TaskSort sort) => sort == TaskSort.Priority
        ? tasks.OrderBy(t => t.Priority == "high" ? 0 : t.Priority == "low" ? 2 : 1).ThenBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt)
        : tasks.OrderBy(t => t.DueAt).ThenBy(t => t.CreatedAt);

    private static int PriorityRank(string priority) => priority switch
    {
        "high" => 0,
        "low" => 2,
        _ => 1,
    };

    /// <summary>The end of this week (Sunday midnight) in Dutch time, where the people are.</summary>
    private static DateTimeOffset EndOfWeek(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Dutch);
        var daysToMonday = ((int)DayOfWeek.Monday - (int)local.DayOfWeek + 7) % 7;
        var nextMonday = local.Date.AddDays(daysToMonday == 0 ? 7 : daysToMonday);
        return new DateTimeOffset(nextMonday, Dutch.GetUtcOffset(nextMonday)).ToUniversalTime();
    }

    internal static TaskItem ToItem(TaskRecord t) => new(
        t.Id, t.InstanceId, t.DefinitionId, t.ActivityId, t.Title, t.Description, t.Organisation, t.Role, t.AssigneeUser,
        JsonSerializer.Deserialize<List<string>>(t.Outcomes, WorkflowState.JsonOptions) ?? [],
        JsonSerializer.Deserialize<List<string>>(t.CommentRequiredFor, WorkflowState.JsonOptions) ?? [],
        JsonSerializer.Deserialize<List<FormField>>(t.FormFields, WorkflowState.JsonOptions) ?? [],
        t.DueAt, t.Priority, t.Status.ToString(), t.CreatedAt, t.ClaimedBy, t.CompletedBy, t.Outcome, t.Comment, t.ClosedAt);
}

/// <summary>One task, for whoever may see it: its assignee, its organisation, or a secretary.</summary>
public sealed record GetTask(Guid TaskId, Actor Actor) : IQuery<TaskItem>;

public sealed class GetTaskHandler(LsiDbContext db) : IQueryHandler<GetTask, TaskItem>
{
    public async ValueTask<TaskItem> Handle(GetTask query, CancellationToken cancellationToken) =>
        ListOpenTasksHandler.ToItem(await TaskAccess.FindVisibleAsync(db, query.TaskId, query.Actor, cancellationToken));
}
