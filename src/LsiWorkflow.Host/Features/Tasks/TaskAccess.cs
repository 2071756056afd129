using System.Linq.Expressions;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Tasks;

/// <summary>
/// Who may see and who may decide a task. Seeing: the person it is assigned to or claimed by, people of its
/// organisation (in its role), holders of its role when no organisation is named, and every secretary.
/// Deciding: the named person, else anyone of the organisation/role, unless someone else has claimed it.
/// </summary>
public static class TaskAccess
{
    public const string NotYours = "Deze taak is niet aan u of uw organisatie toegewezen.";

    public static bool IsAssignedTo(TaskRecord task, Actor actor)
    {
        if (task.AssigneeUser is { } user)
        {
            return string.Equals(user, actor.UserName, StringComparison.Ordinal);
        }
        if (task.Organisation is { } organisation)
        {
            return organisation == actor.Organisation
                && IsOrganisationMember(actor)
                && (task.Role is null || actor.IsInRole(task.Role));
        }
        return task.Role is { } role && actor.IsInRole(role);
    }

    public static bool MayComplete(TaskRecord task, Actor actor) =>
        IsAssignedTo(task, actor) && (task.ClaimedBy is null || string.Equals(task.ClaimedBy, actor.UserName, StringComparison.Ordinal));

    // Interpreted, not compiled: the predicates close over this actor, so a compiled delegate would be built
    // (emitting IL) on every call and used once.
    public static bool MaySee(TaskRecord task, Actor actor) =>
        VisibleBranches(actor, includeCompleted: true).Any(branch => branch.Compile(preferInterpretation: true)(task));

    /// <summary>
    /// The visibility rule as query predicates whose union is what the actor may see. Separate branches, not one
    /// OR, so each is answered by its own index in due-date order, however many tasks other people have.
    /// </summary>
    public static IReadOnlyList<Expression<Func<TaskRecord, bool>>> VisibleBranches(Actor actor, bool includeCompleted, TaskScope scope = TaskScope.Visible)
    {
        if (actor.IsInRole(Roles.Secretary) && scope == TaskScope.Visible)
        {
            return [_ => true];
        }
        var user = actor.UserName;
        var organisation = actor.Organisation;
        var roles = actor.Roles.ToList();
        var branches = new List<Expression<Func<TaskRecord, bool>>>();
        if (scope != TaskScope.Organisation)
        {
            branches.Add(t => t.AssigneeUser == user);
            branches.Add(t => t.ClaimedBy == user);
            if (includeCompleted)
            {
                branches.Add(t => t.CompletedBy == user);
            }
        }
        if (scope != TaskScope.Mine && IsOrganisationMember(actor) && organisation is not null)
        {
            branches.Add(actor.IsInRole(Roles.Secretary)
                ? t => t.Organisation == organisation
                : t => t.Organisation == organisation && (t.Role == null || roles.Contains(t.Role)));
        }
        if (scope == TaskScope.Visible)
        {
            branches.Add(t => t.Organisation == null && t.AssigneeUser == null && t.Role != null && roles.Contains(t.Role));
        }
        return branches;
    }

    public static void EnsureMayComplete(TaskRecord task, Actor actor)
    {
        if (!IsAssignedTo(task, actor))
        {
            throw new ForbiddenException(NotYours);
        }
        if (!MayComplete(task, actor))
        {
            throw new ForbiddenException($"{task.ClaimedBy} heeft deze taak opgepakt; vraag hem of haar de taak vrij te geven.");
        }
    }

    /// <summary>The task, if the actor may see it: 404 when it does not exist, 403 when it is someone else's.</summary>
    public static async Task<TaskRecord> FindVisibleAsync(LsiDbContext db, Guid taskId, Actor actor, CancellationToken ct)
    {
        var task = await db.Set<TaskRecord>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, ct)
            ?? throw new NotFoundException($"Taak {taskId} bestaat niet.");
        return MaySee(task, actor) ? task : throw new ForbiddenException(NotYours);
    }

    private static bool IsOrganisationMember(Actor actor) =>
        actor.IsInRole(Roles.Partner) || actor.IsInRole(Roles.SteeringGroupMember) || actor.IsInRole(Roles.Secretary);
}
