using Hangfire;
using LsiWorkflow.Runtime.Outbox;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Runtime.Scheduling;

/// <summary>A step a feature adds to the minutely sweep (planning reminders of dates made anywhere, sending digests).</summary>
public interface ISweepStep
{
    Task RunAsync(CancellationToken ct);
}

/// <summary>Hangfire jobs are small and take ids or times, never entities; the work is in <see cref="DueTimers"/>.</summary>
public sealed class TimerJobs(DueTimers timers, IRuntimeContexts contexts)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task FireDueAsync(DateTimeOffset second, CancellationToken ct)
    {
        // Free the second first: a timer set for it from now on schedules a job of its own.
        await using (var db = await contexts.CreateAsync(ct))
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"delete from lsi.workflow_timer_wakeups where due_second = {second}", ct);
        }
        await timers.FireAllDueAsync(ct);
    }
}

public sealed class OutboxJobs(OutboxDispatcher dispatcher)
{
    [AutomaticRetry(Attempts = 5)]
    public Task DispatchAsync(Guid[] outboxIds, CancellationToken ct) => dispatcher.DispatchAsync(outboxIds, ct);
}

/// <summary>
/// The safety net, every minute: timers whose wake-up was lost (a crash between commit and scheduling) and outbox
/// messages left undispatched are picked up here, after the features' own steps (which may plan new timers).
/// </summary>
public sealed class SweepJob(IEnumerable<ISweepStep> steps, DueTimers timers, OutboxDispatcher dispatcher, IRuntimeContexts contexts, TimeProvider time)
{
    public const string RecurringJobId = "workflow-sweep";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var step in steps)
        {
            await step.RunAsync(ct);
        }
        // A timer still due here lost its wake-up (a crash between commit and scheduling): the sweep repairs it.
        RuntimeTelemetry.Repaired("timer", await timers.FireAllDueAsync(ct));
        await dispatcher.DispatchStaleAsync(TimeSpan.FromSeconds(30), ct);
        var past = time.GetUtcNow().AddHours(-1);
        await using var db = await contexts.CreateAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"delete from lsi.workflow_timer_wakeups where due_second < {past}", ct);
    }
}
