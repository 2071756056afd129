using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Persistence;
using LsiWorkflow.Runtime.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Tasks;

public sealed record DueDateChanged(Guid TaskId, DateTimeOffset DueAt, int DeadlinesMoved);

/// <summary>
/// The secretariat moves a task's due date; its pending reminders, due notice and escalation move with it
/// by the same amount, in the same transaction. Deadlines that would now lie in the past fire at once.
/// </summary>
[Allowed(Policies.CanCompleteTasksOfOwnOrganisation)]
public sealed record ChangeTaskDueDate(Guid TaskId, DateTimeOffset DueAt, Actor Actor) : ICommand<DueDateChanged>, IActorMessage;

public sealed class ChangeTaskDueDateHandler(LsiDbContext db, IWorkflowScheduler scheduler, TimeProvider time) : ICommandHandler<ChangeTaskDueDate, DueDateChanged>
{
    public async ValueTask<DueDateChanged> Handle(ChangeTaskDueDate command, CancellationToken cancellationToken)
    {
        if (!command.Actor.IsInRole(Roles.Secretary))
        {
            throw new ForbiddenException("Alleen het secretariaat kan de uiterste datum van een taak wijzigen.");
        }
        var now = time.GetUtcNow();
        var task = await TaskJournal.FindOpenAsync(db, command.TaskId, cancellationToken);
        if (task.DueAt is not { } oldDue)
        {
            throw new InvalidRequestException("Deze taak heeft geen uiterste datum om te verplaatsen.");
        }
        var shift = command.DueAt - oldDue;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var timers = await db.Set<TimerRecord>()
            .Where(t => t.TaskId == task.Id && t.Status == TimerStatus.Pending)
            .ToListAsync(cancellationToken);
        foreach (var timer in timers)
        {
            timer.DueAt = timer.DueAt + shift < now ? now : timer.DueAt + shift;
        }
        task.DueAt = command.DueAt;
        TaskJournal.Add(db, task, command.Actor, now,
            $"Uiterste datum van taak '{task.Title}' verplaatst van {oldDue:dd-MM-yyyy HH:mm} naar {command.DueAt:dd-MM-yyyy HH:mm} (UTC{command.DueAt:zzz}).");
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        if (timers.Count > 0)
        {
            await scheduler.WakeAtAsync([.. timers.Select(t => t.DueAt)], cancellationToken);
        }
        return new DueDateChanged(task.Id, command.DueAt, timers.Count);
    }
}
