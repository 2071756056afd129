using LsiWorkflow.Host.Persistence;
using LsiWorkflow.Host.Workflows.Persistence;

namespace LsiWorkflow.Host.Workflows.Scheduling;

/// <summary>
/// Acts when a task's reminder, due moment or escalation timer fires. Runs once per timer, inside the
/// transaction that marks the timer fired, and returns the outbox messages it added so they go out at once.
/// </summary>
public interface ITaskDeadlineHandler
{
    Task<IReadOnlyList<Guid>> HandleAsync(LsiDbContext db, TimerRecord timer, TaskRecord task, CancellationToken ct);
}
