namespace LsiWorkflow.Runtime.Scheduling;

/// <summary>Hands time-based and after-commit work to Hangfire; the runtime never talks to Hangfire itself.</summary>
public interface IWorkflowScheduler
{
    /// <summary>Wakes the timer job at each distinct second; asking twice for one second schedules once.</summary>
    Task WakeAtAsync(IReadOnlyCollection<DateTimeOffset> dueTimes, CancellationToken ct);

    /// <summary>Dispatches outbox messages in the background, soon.</summary>
    Task DispatchSoonAsync(IReadOnlyCollection<Guid> outboxIds, CancellationToken ct);
}
