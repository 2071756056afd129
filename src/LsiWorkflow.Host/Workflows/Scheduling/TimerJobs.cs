using Hangfire;
using LsiWorkflow.Host.Inbox.Reminders;
using LsiWorkflow.Host.Notifications;
using LsiWorkflow.Host.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Workflows.Scheduling;

/// <summary>Hangfire jobs are small and take ids or times, never entities; the work is in <see cref="WorkflowTimers"/>.</summary>
public sealed class TimerJobs(WorkflowTimers timers, IDbContextFactory<LsiDbContext> contexts)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task FireDueAsync(DateTimeOffset second, CancellationToken ct)
    {
        // Free the second first: a timer set for it from now on schedules a job of its own.
        await using (var db = await contexts.CreateDbContextAsync(ct))
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
/// The safety net, every minute: timers whose wake-up was lost (a crash between commit and scheduling) and
/// outbox messages left undispatched are picked up here; milestones and commitments made or moved anywhere
/// get their reminders planned here.
/// </summary>
public sealed class SweepJob(WorkflowTimers timers, OutboxDispatcher dispatcher, DateReminders dateReminders, DailyDigest digest, IDbContextFactory<LsiDbContext> contexts, TimeProvider time)
{
    public const string RecurringJobId = "workflow-sweep";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken ct)
    {
        await dateReminders.PlanAsync(null, ct);
        await timers.FireAllDueAsync(ct);
        await dispatcher.DispatchStaleAsync(TimeSpan.FromSeconds(30), ct);
        await digest.SendDueAsync(ct);
        var past = time.GetUtcNow().AddHours(-1);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"delete from lsi.workflow_timer_wakeups where due_second < {past}", ct);
    }
}
