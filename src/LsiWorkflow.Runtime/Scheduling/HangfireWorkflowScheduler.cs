using Hangfire;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Runtime.Scheduling;

internal sealed class HangfireWorkflowScheduler(IBackgroundJobClient jobs, IRuntimeContexts contexts, TimeProvider time) : IWorkflowScheduler
{
    public async Task WakeAtAsync(IReadOnlyCollection<DateTimeOffset> dueTimes, CancellationToken ct)
    {
        await using var db = await contexts.CreateAsync(ct);
        foreach (var second in dueTimes.Select(TruncateToSecond).Distinct())
        {
            // The wake-up row makes one Hangfire job per second however many timers share it.
            var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
                $"insert into lsi.workflow_timer_wakeups (due_second) values ({second}) on conflict do nothing", ct);
            if (inserted == 0)
            {
                continue;
            }
            var delay = second - time.GetUtcNow();
            if (delay <= TimeSpan.Zero)
            {
                jobs.Enqueue<TimerJobs>(j => j.FireDueAsync(second, CancellationToken.None));
            }
            else
            {
                jobs.Schedule<TimerJobs>(j => j.FireDueAsync(second, CancellationToken.None), delay);
            }
        }
    }

    public Task DispatchSoonAsync(IReadOnlyCollection<Guid> outboxIds, CancellationToken ct)
    {
        jobs.Enqueue<OutboxJobs>(j => j.DispatchAsync(outboxIds.ToArray(), CancellationToken.None));
        return Task.CompletedTask;
    }

    private static DateTimeOffset TruncateToSecond(DateTimeOffset t) =>
        new DateTimeOffset(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
