using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Tasks;

/// <summary>
/// Hands a task to a named colleague of the task's organisation (who holds the task's role, if it names one).
/// Who may: anyone who may decide it, or a secretary.
/// </summary>
[Allowed(Policies.CanCompleteTasksOfOwnOrganisation)]
public sealed record ReassignTask(Guid TaskId, string ToUserName, Actor Actor) : ICommand, IActorMessage;

public sealed class ReassignTaskHandler(LsiDbContext db, UserManager<LsiUser> users, TimeProvider time) : ICommandHandler<ReassignTask>
{
    public async ValueTask<Unit> Handle(ReassignTask command, CancellationToken cancellationToken)
    {
        var task = await TaskJournal.FindOpenAsync(db, command.TaskId, cancellationToken);
        if (!TaskAccess.MayComplete(task, command.Actor) && !command.Actor.IsInRole(Roles.Secretary))
        {
            throw new ForbiddenException(TaskAccess.NotYours);
        }
        var target = await users.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == command.ToUserName, cancellationToken)
            ?? throw new InvalidRequestException($"Gebruiker '{command.ToUserName}' bestaat niet.");
        if (task.Organisation is { } organisation && target.OrganisationCode != organisation)
        {
            throw new InvalidRequestException($"{target.DisplayName} hoort niet bij {organisation}; een taak blijft binnen haar organisatie.");
        }
        if (task.Role is { } role && !await users.IsInRoleAsync(target, role))
        {
            throw new InvalidRequestException($"{target.DisplayName} heeft niet de rol die deze taak vraagt.");
        }
        var from = task.AssigneeUser ?? task.Organisation ?? task.Role;
        task.AssigneeUser = target.UserName;
        task.ClaimedBy = null;
        TaskJournal.Add(db, task, command.Actor, time.GetUtcNow(), $"Taak '{task.Title}' overgedragen van {from} aan {target.UserName}.");
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
