using System.Text.Json.Nodes;
using LsiWorkflow.Domain;
using LsiWorkflow.Engine.Definitions;
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
    IReadOnlyList<string> Colleagues,
    IReadOnlyList<EarlierDecision> Decisions,
    DpiaInForce? ProjectDpia,
    IReadOnlyDictionary<string, string> StepNames);

/// <summary>A decision taken earlier in the same instance: who, for which organisation, what, and why.</summary>
public sealed record EarlierDecision(
    Guid TaskId,
    string ActivityId,
    string Title,
    string? Organisation,
    string? OrganisationName,
    string DecidedBy,
    string DecidedByName,
    string Outcome,
    string? Comment,
    DateTimeOffset DecidedAt);

/// <summary>The DPIA that holds for a project: its own, or the joint one of its kind.</summary>
public sealed record DpiaInForce(Guid Id, string Title, DpiaStatus Status, bool Joint);

[Allowed(Policies.CanCompleteTasksOfOwnOrganisation)]
public sealed record GetTaskPage(Guid TaskId, Actor Actor) : IQuery<TaskPageView>, IActorMessage;

public sealed class GetTaskPageHandler(LsiDbContext db, IMediator mediator, UserManager<LsiUser> users) : IQueryHandler<GetTaskPage, TaskPageView>
{
    public async ValueTask<TaskPageView> Handle(GetTaskPage query, CancellationToken cancellationToken)
    {
        var actor = query.Actor;
        var task = await TaskAccess.FindVisibleAsync(db, query.TaskId, actor, cancellationToken);
        var instance = await db.Set<InstanceRecord>().AsNoTracking().SingleAsync(i => i.Id == task.InstanceId, cancellationToken);
        var definition = await db.Set<DefinitionRecord>().AsNoTracking()
            .Where(d => d.DefinitionId == instance.DefinitionId && d.Version == instance.DefinitionVersion)
            .Select(d => new { d.Name, d.Json }).SingleOrDefaultAsync(cancellationToken);
        var workflowName = definition?.Name ?? instance.DefinitionId;
        var state = WorkflowState.FromJson(instance.State);
        var variables = state.Variables;
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
        var project = await ProjectOfAsync(query.Actor, state, instance.CorrelationKey, cancellationToken);
        return new TaskPageView(ListOpenTasksHandler.ToItem(task), workflowName, instance.DefinitionVersion, instance.Status,
            variables, project, journal, permissions, colleagues,
            await DecisionsBeforeAsync(task, cancellationToken),
            project is null ? null : await DpiaOfAsync(project, cancellationToken),
            StepNames(definition?.Json));
    }

    /// <summary>The steps of the workflow by the names its designer gave them, for the history.</summary>
    private static Dictionary<string, string> StepNames(string? json)
    {
        if (json is null)
        {
            return [];
        }
        try
        {
            return DefinitionSerializer.Parse(json).Activities
                .Where(a => !string.IsNullOrWhiteSpace(a.DisplayName))
                .ToDictionary(a => a.Id, a => a.DisplayName!, StringComparer.Ordinal);
        }
        catch (DefinitionFormatException)
        {
            return [];
        }
    }

    /// <summary>Every task of the instance decided before this one, oldest first, with the decider's name and comment.</summary>
    private async Task<IReadOnlyList<EarlierDecision>> DecisionsBeforeAsync(TaskRecord task, CancellationToken ct)
    {
        var decided = await db.Set<TaskRecord>().AsNoTracking()
            .Where(t => t.InstanceId == task.InstanceId && t.Id != task.Id && t.Status == TaskStatus.Completed)
            .OrderBy(t => t.ClosedAt).ThenBy(t => t.Organisation)
            .ToListAsync(ct);
        if (decided.Count == 0)
        {
            return [];
        }
        var userNames = decided.Select(t => t.CompletedBy).OfType<string>().Distinct().ToList();
        var people = await users.Users.AsNoTracking().Where(u => userNames.Contains(u.UserName!))
            .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, ct);
        var organisations = await db.Set<Organisation>().AsNoTracking().ToDictionaryAsync(o => o.Code, o => o.Name, ct);
        return [.. decided.Select(t =>
        {
            var organisation = t.CompletedByOrganisation ?? t.Organisation;
            return new EarlierDecision(t.Id, t.ActivityId, t.Title, organisation,
                organisation is null ? null : organisations.GetValueOrDefault(organisation) ?? organisation,
                t.CompletedBy ?? "", t.CompletedBy is { } by ? people.GetValueOrDefault(by) ?? by : "",
                t.Outcome ?? "", t.Comment, t.ClosedAt ?? t.CreatedAt);
        })];
    }

    /// <summary>
    /// Tasks about a project show the project's facts. A workflow names it in its projectId start input (as
    /// project-approval does), in a projectId variable, or by the project's id as its correlation key.
    /// </summary>
    private async Task<ProjectDetails?> ProjectOfAsync(Actor actor, WorkflowState state, string? correlationKey, CancellationToken ct)
    {
        var candidates = new[] { state.Input["projectId"], state.Variables["projectId"] }
            .OfType<JsonValue>().Select(v => v.ToString()).Append(correlationKey);
        foreach (var candidate in candidates)
        {
            if (!Guid.TryParse(candidate, out var projectId))
            {
                continue;
            }
            try
            {
                return await mediator.Send(new GetProject(actor, projectId), ct);
            }
            catch (NotFoundException)
            {
                // not a project: try the next place a workflow may name one
            }
        }
        return null;
    }

    /// <summary>The project's own DPIA, else the joint DPIA of its kind (the newest, adopted first) that its gates read.</summary>
    private async Task<DpiaInForce?> DpiaOfAsync(ProjectDetails project, CancellationToken ct)
    {
        var kind = project.Kind == ProjectKind.AreaBased ? DpiaKind.JointAreaBased : DpiaKind.JointPhenomenonBased;
        var dpia = project.Dpia is { } own
            ? await db.Set<Dpia>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == own.Id, ct)
            : await db.Set<Dpia>().AsNoTracking().Where(d => d.Kind == kind && d.ProjectId == null)
                .OrderByDescending(d => d.Status == DpiaStatus.Adopted).ThenByDescending(d => d.AdoptedOn).ThenByDescending(d => d.Id)
                .FirstOrDefaultAsync(ct);
        return dpia is null ? null : new DpiaInForce(dpia.Id, dpia.Title, dpia.Status, dpia.ProjectId is null);
    }
}
