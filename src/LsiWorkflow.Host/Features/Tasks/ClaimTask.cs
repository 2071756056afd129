using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskStatus = LsiWorkflow.Runtime.Persistence.TaskStatus;

namespace LsiWorkflow.Host.Features.Tasks;

/// <summary>A person of the organisation takes a task on, so colleagues see it is being handled and cannot decide it.</summary>
[Allowed(Policies.CanCompleteTasksOfOwnOrganisation)]
public sealed record ClaimTask(Guid TaskId, Actor Actor) : ICommand, IActorMessage;

public sealed class ClaimTaskHandler(LsiDbContext db, TimeProvider time) : ICommandHandler<ClaimTask>
{
    public async ValueTask<Unit> Handle(ClaimTask command, CancellationToken cancellationToken)
    {
        var task = await TaskJournal.FindOpenAsync(db, command.TaskId, cancellationToken);
        if (!TaskAccess.IsAssignedTo(task, command.Actor))
        {
            throw new ForbiddenException(TaskAccess.NotYours);
        }
        if (task.ClaimedBy == command.Actor.UserName)
        {
            return Unit.Value;
        }
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        // Of two colleagues claiming at once, one wins: the update only takes an unclaimed open task.
        var user = command.Actor.UserName;
        var claimed = await db.Set<TaskRecord>()
            .Where(t => t.Id == task.Id && t.Status == TaskStatus.Open && t.ClaimedBy == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ClaimedBy, user), cancellationToken);
        if (claimed == 0)
        {
            var other = await db.Set<TaskRecord>().AsNoTracking().Where(t => t.Id == task.Id).Select(t => t.ClaimedBy).SingleAsync(cancellationToken);
            throw new ConflictException("Taak al opgepakt", $"{other ?? "Iemand anders"} heeft deze taak al opgepakt of afgerond.");
        }
        TaskJournal.Add(db, task, command.Actor, time.GetUtcNow(), $"Taak '{task.Title}' opgepakt door {user}.");
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>The person who claimed a task (or a secretary) gives it back to the organisation.</summary>
[Allowed(Policies.CanCompleteTasksOfOwnOrganisation)]
public sealed record ReleaseTask(Guid TaskId, Actor Actor) : ICommand, IActorMessage;

public sealed class ReleaseTaskHandler(LsiDbContext db, TimeProvider time) : ICommandHandler<ReleaseTask>
{
    public async ValueTask<Unit> Handle(ReleaseTask command, CancellationToken cancellationToken)
    {
        var task = await TaskJournal.FindOpenAsync(db, command.TaskId, cancellationToken);
        if (task.ClaimedBy is null)
        {
            return Unit.Value;
        }
        if (task.ClaimedBy != command.Actor.UserName && !command.Actor.IsInRole(Roles.Secretary))
        {
            throw new ForbiddenException($"Alleen {task.ClaimedBy} of het secretariaat kan deze taak vrijgeven.");
        }
        TaskJournal.Add(db, task, command.Actor, time.GetUtcNow(), $"Taak '{task.Title}' vrijgegeven (was opgepakt door {task.ClaimedBy}).");
        task.ClaimedBy = null;
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
