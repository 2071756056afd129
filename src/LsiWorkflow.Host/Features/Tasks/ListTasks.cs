using System.Text.Json;
using LsiWorkflow.Domain;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskStatus = LsiWorkflow.Runtime.Persistence.TaskStatus;

namespace LsiWorkflow.Host.Features.Tasks;

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
    DateTimeOffset? ClosedAt = null,
    Guid? ProjectId = null,
    string? ProjectName = null);

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
    TaskSort Sort = TaskSort.DueDate,
    Guid? ProjectId = null);

/// <summary>
/// The tasks the actor may see, open ones by default: assigned to or claimed by them, of their organisation
/// (for their role), or of a role they hold. A secretary sees every task (read-only unless assigned).
/// </summary>
[Allowed(Policies.CanOpenInbox)]
public sealed record ListOpenTasks(Actor Actor, int Take = 200, TaskFilter? Filter = null) : IQuery<IReadOnlyList<TaskItem>>, IActorMessage;

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
        if (filter.ProjectId is { } projectId)
        {
            // A workflow about a project is started with the project's id as its correlation key.
            var key = projectId.ToString();
            tasks = tasks.Where(t => db.Set<InstanceRecord>().Any(i => i.Id == t.InstanceId && i.CorrelationKey == key));
        }
        // Each branch of visibility takes its first rows in the requested order, by an index of its own; their
        // union, ordered the same way, holds the first rows of all. One statement: one round trip, however
        // many ways a task can reach the actor.
        IQueryable<TaskRecord>? union = null;
        foreach (var branch in TaskAccess.VisibleBranches(query.Actor, includeCompleted: filter.Status != TaskStatus.Open, filter.Scope))
        {
            var first = Sorted(tasks.Where(branch), filter.Sort).Take(take);
            union = union is null ? first : union.Concat(first);
        }
        var rows = union is null ? [] : (await union.ToListAsync(cancellationToken)).DistinctBy(t => t.Id);
        var merged = filter.Sort == TaskSort.Priority
            ? rows.OrderBy(t => PriorityRank(t.Priority)).ThenBy(t => t.DueAt == null).ThenBy(t => t.DueAt)
            : rows.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt);
        var lists = new JsonLists();
        var page = merged.ThenBy(t => t.CreatedAt).Take(take).ToList();
        var projects = await ProjectsOfAsync(db, page.Select(t => t.InstanceId), cancellationToken);
        return [.. page.Select(t => ToItem(t, lists) is var item && projects.TryGetValue(t.InstanceId, out var project)
            ? item with { ProjectId = project.Id, ProjectName = project.Name }
            : item)];
    }

    /// <summary>The project each instance is about, by its correlation key: the subject that tells two equal tasks apart.</summary>
    internal static async Task<Dictionary<Guid, (Guid Id, string Name)>> ProjectsOfAsync(LsiDbContext db, IEnumerable<Guid> instanceIds, CancellationToken ct)
    {
        var ids = instanceIds.Distinct().ToList();
        var keys = await db.Set<InstanceRecord>().AsNoTracking().Where(i => ids.Contains(i.Id) && i.CorrelationKey != null)
            .Select(i => new { i.Id, i.CorrelationKey }).ToListAsync(ct);
        var projectIds = keys.Select(k => Guid.TryParse(k.CorrelationKey, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        if (projectIds.Count == 0)
        {
            return [];
        }
        var names = await db.Set<Project>().AsNoTracking().Where(p => projectIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return keys
            .Where(k => Guid.TryParse(k.CorrelationKey, out var id) && names.ContainsKey(id))
            .ToDictionary(k => k.Id, k => (Guid.Parse(k.CorrelationKey!), names[Guid.Parse(k.CorrelationKey!)]));
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

    internal static TaskItem ToItem(TaskRecord t) => ToItem(t, new JsonLists());

    private static TaskItem ToItem(TaskRecord t, JsonLists lists) => new(
        t.Id, t.InstanceId, t.DefinitionId, t.ActivityId, t.Title, t.Description, t.Organisation, t.Role, t.AssigneeUser,
        lists.Strings(t.Outcomes), lists.Strings(t.CommentRequiredFor), lists.Fields(t.FormFields),
        t.DueAt, t.Priority, t.Status.ToString(), t.CreatedAt, t.ClaimedBy, t.CompletedBy, t.Outcome, t.Comment, t.ClosedAt);

    /// <summary>
    /// The JSON lists of tasks, parsed once per distinct text: the tasks of one step of one workflow share their
    /// outcomes and form, so a page of them parses a handful of texts, not three per task. The lists are read-only.
    /// </summary>
    private sealed class JsonLists
    {
        private readonly Dictionary<string, IReadOnlyList<string>> strings = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IReadOnlyList<FormField>> fields = new(StringComparer.Ordinal);

        public IReadOnlyList<string> Strings(string json) => strings.TryGetValue(json, out var list)
            ? list
            : strings[json] = (JsonSerializer.Deserialize<List<string>>(json, WorkflowState.JsonOptions) ?? []).AsReadOnly();

        public IReadOnlyList<FormField> Fields(string json) => fields.TryGetValue(json, out var list)
            ? list
            : fields[json] = (JsonSerializer.Deserialize<List<FormField>>(json, WorkflowState.JsonOptions) ?? []).AsReadOnly();
    }
}

/// <summary>One task, for whoever may see it: its assignee, its organisation, or a secretary.</summary>
[Allowed(Policies.CanCompleteTasksOfOwnOrganisation)]
public sealed record GetTask(Guid TaskId, Actor Actor) : IQuery<TaskItem>, IActorMessage;

public sealed class GetTaskHandler(LsiDbContext db) : IQueryHandler<GetTask, TaskItem>
{
    public async ValueTask<TaskItem> Handle(GetTask query, CancellationToken cancellationToken) =>
        ListOpenTasksHandler.ToItem(await TaskAccess.FindVisibleAsync(db, query.TaskId, query.Actor, cancellationToken));
}
