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
    DateTimeOffset CreatedAt);

/// <summary>
/// The open tasks the actor may decide: assigned to them, to their role, or to their organisation.
/// A secretary sees every open task (read-only unless assigned).
/// </summary>
public sealed record ListOpenTasks(Actor Actor, int Take = 200) : IQuery<IReadOnlyList<TaskItem>>;

public sealed class ListOpenTasksHandler(LsiDbContext db) : IQueryHandler<ListOpenTasks, IReadOnlyList<TaskItem>>
{
    public async ValueTask<IReadOnlyList<TaskItem>> Handle(ListOpenTasks query, CancellationToken cancellationToken)
    {
        var actor = query.Actor;
        var roles = actor.Roles.ToList();
        var tasks = db.Set<TaskRecord>().AsNoTracking().Where(t => t.Status == TaskStatus.Open);
        if (!actor.IsInRole(Roles.Secretary))
        {
            tasks = tasks.Where(t =>
                t.AssigneeUser == actor.UserName
                || (t.AssigneeUser == null && t.Organisation != null && t.Organisation == actor.Organisation && (t.Role == null || roles.Contains(t.Role)))
                || (t.AssigneeUser == null && t.Organisation == null && t.Role != null && roles.Contains(t.Role)));
        }
        var rows = await tasks.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt)
            .Take(Math.Clamp(query.Take, 1, 1000)).ToListAsync(cancellationToken);
        return rows.Select(ToItem).ToList();
    }

    internal static TaskItem ToItem(TaskRecord t) => new(
        t.Id, t.InstanceId, t.DefinitionId, t.ActivityId, t.Title, t.Description, t.Organisation, t.Role, t.AssigneeUser,
        JsonSerializer.Deserialize<List<string>>(t.Outcomes, WorkflowRuntime.Json) ?? [],
        JsonSerializer.Deserialize<List<string>>(t.CommentRequiredFor, WorkflowRuntime.Json) ?? [],
        JsonSerializer.Deserialize<List<FormField>>(t.FormFields, WorkflowRuntime.Json) ?? [],
        t.DueAt, t.Priority, t.Status.ToString(), t.CreatedAt);
}

/// <summary>One task, for whoever may see it: its assignee, its organisation, or a secretary.</summary>
public sealed record GetTask(Guid TaskId, Actor Actor) : IQuery<TaskItem>;

public sealed class GetTaskHandler(LsiDbContext db) : IQueryHandler<GetTask, TaskItem>
{
    public async ValueTask<TaskItem> Handle(GetTask query, CancellationToken cancellationToken)
    {
        var task = await db.Set<TaskRecord>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == query.TaskId, cancellationToken)
            ?? throw new NotFoundException($"Taak {query.TaskId} bestaat niet.");
        if (!query.Actor.IsInRole(Roles.Secretary) && !TaskAccess.MayComplete(task, query.Actor))
        {
            throw new ForbiddenException("Deze taak is niet aan u of uw organisatie toegewezen.");
        }
        return ListOpenTasksHandler.ToItem(task);
    }
}
