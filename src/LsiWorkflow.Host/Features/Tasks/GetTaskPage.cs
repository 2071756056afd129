using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Features.Instances;
using LsiWorkflow.Host.Features.Projects;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TaskStatus = LsiWorkflow.Runtime.Persistence.TaskStatus;

namespace LsiWorkflow.Host.Features.Tasks;

/// <summary>What the actor may do with the task now.</summary>
public sealed record TaskPermissions(bool MayComplete, bool MayClaim, bool MayRelease, bool MayReassign, bool MayChangeDueDate);

/// <summary>Everything a person needs to decide a task: what is asked, why, the history so far, and what they may do.</summary>
public sealed record TaskPageView(
    TaskItem Task,
    string WorkflowName,
    int WorkflowVersion,
    string InstanceStatus,
    JsonObject Variables,
    ProjectDetails? Project,
    IReadOnlyList<JournalLine> Journal,
    TaskPermissions Permissions,
    IReadOnlyList<string> Colleagues);

[Allowed(Policies.CanCompleteTasksOfOwnOrganisation)]
public sealed record GetTaskPage(Guid TaskId, Actor Actor) : IQuery<TaskPageView>, IActorMessage;

public sealed class GetTaskPageHandler(LsiDbContext db, IMediator mediator, UserManager<LsiUser> users) : IQueryHandler<GetTaskPage, TaskPageView>
{
    public async ValueTask<TaskPageView> Handle(GetTaskPage query, CancellationToken cancellationToken)
    {
        var actor = query.Actor;
        var task = await TaskAccess.FindVisibleAsync(db, query.TaskId, actor, cancellationToken);
        var instance = await db.Set<InstanceRecord>().AsNoTracking().SingleAsync(i => i.Id == task.InstanceId, cancellationToken);
        var workflowName = await db.Set<DefinitionRecord>().AsNoTracking()
            .Where(d => d.DefinitionId == instance.DefinitionId && d.Version == instance.DefinitionVersion)
            .Select(d => d.Name).SingleOrDefaultAsync(cancellationToken) ?? instance.DefinitionId;
        var variables = WorkflowState.FromJson(instance.State).Variables;
        var journal = await db.Set<JournalRecord>().AsNoTracking().Where(j => j.InstanceId == instance.Id).OrderBy(j => j.Id)
            .Select(j => new JournalLine(j.Id, j.ActivityId, j.ActivityType, j.StartedAt, j.EndedAt, j.Outcome, j.Actor, j.Message))
            .ToListAsync(cancellationToken);

        var open = task.Status == TaskStatus.Open;
        var assigned = TaskAccess.IsAssignedTo(task, actor);
        var secretary = actor.IsInRole(Roles.Secretary);
        var permissions = new TaskPermissions(
            MayComplete: open && TaskAccess.MayComplete(task, actor),
            MayClaim: open && assigned && task.ClaimedBy is null && task.AssigneeUser is null,
            MayRelease: open && task.ClaimedBy is not null && (task.ClaimedBy == actor.UserName || secretary),
            MayReassign: open && task.Organisation is not null && (TaskAccess.MayComplete(task, actor) || secretary),
            MayChangeDueDate: open && secretary && task.DueAt is not null);
        var colleagues = permissions.MayReassign
            ? await users.Users.AsNoTracking().Where(u => u.OrganisationCode == task.Organisation && u.UserName != actor.UserName)
                .OrderBy(u => u.UserName).Select(u => u.UserName!).ToListAsync(cancellationToken)
            : [];
        return new TaskPageView(ListOpenTasksHandler.ToItem(task), workflowName, instance.DefinitionVersion, instance.Status,
            variables, await ProjectOfAsync(query.Actor, variables, cancellationToken), journal, permissions, colleagues);
    }

    /// <summary>Tasks about a project show the project's facts; a workflow names it in a projectId variable.</summary>
    private async Task<ProjectDetails?> ProjectOfAsync(Actor actor, JsonObject variables, CancellationToken ct)
    {
        if (variables["projectId"] is not JsonValue value || !Guid.TryParse(value.ToString(), out var projectId))
        {
            return null;
        }
        try
        {
            return await mediator.Send(new GetProject(actor, projectId), ct);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }
}
