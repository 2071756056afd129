using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Host.Persistence;
using LsiWorkflow.Host.Workflows.Persistence;
using LsiWorkflow.Host.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Workflows.Scheduling;

/// <summary>
/// Fires due timers. The timer table is the truth: a timer fires when its row moves from Pending to Fired,
/// which happens once whatever number of jobs, nodes or retries reach it.
/// </summary>
public sealed class WorkflowTimers(
    IDbContextFactory<LsiDbContext> contexts,
    WorkflowRuntime runtime,
    WorkflowEngine engine,
    IWorkflowScheduler scheduler,
    ITaskDeadlineHandler deadlines,
    TimeProvider time,
    ILogger<WorkflowTimers> log)
{
    private const int BatchSize = 500;

    /// <summary>Fires every timer that is due now, in parallel batches; returns how many fired.</summary>
    public async Task<int> FireAllDueAsync(CancellationToken ct)
    {
        var fired = 0;
        while (!ct.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            List<TimerRecord> due;
            await using (var db = await contexts.CreateDbContextAsync(ct))
            {
                due = await db.Set<TimerRecord>().AsNoTracking()
                    .Where(t => t.Status == TimerStatus.Pending && t.DueAt <= now)
                    .OrderBy(t => t.DueAt)
                    .Take(BatchSize)
                    .ToListAsync(ct);
            }
            if (due.Count == 0)
            {
                break;
            }
            // Task deadlines touch no instance: a whole batch of them fires in one transaction.
            var firedInBatch = await FireTaskTimersAsync([.. due.Where(t => t.TaskId is not null)], ct);
            await Parallel.ForEachAsync(due.Where(t => t.TaskId is null), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (timer, token) =>
            {
                if (await FireAsync(timer, token))
                {
                    Interlocked.Increment(ref firedInBatch);
                }
            });
            fired += firedInBatch;
            if (due.Count < BatchSize)
            {
                break;
            }
        }
        return fired;
    }

    /// <summary>Fires one timer; false when it was fired, cancelled or claimed elsewhere already.</summary>
    public async Task<bool> FireAsync(TimerRecord timer, CancellationToken ct)
    {
        try
        {
            return timer switch
            {
                { InstanceId: { } instanceId } => await FireInstanceTimerAsync(timer.Id, instanceId, ct),
                { TaskId: not null } => await FireTaskTimerAsync(timer, ct),
                _ => await FireStartTimerAsync(timer, ct),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One broken timer must not stop the batch; it stays pending and the sweeper tries again.
            log.LogError(ex, "Timer {TimerId} could not fire", timer.Id);
            return false;
        }
    }

    private async Task<bool> FireInstanceTimerAsync(Guid timerId, Guid instanceId, CancellationToken ct)
    {
        var claimed = false;
        await runtime.RunAsync(
            instanceId,
            (runner, definition, state) => runner.ResumeAsync(definition, state, new TimerFired(timerId), ct),
            within: async (db, _) =>
            {
                claimed = await ClaimAsync(db, timerId, ct);
                return claimed;
            },
            ct);
        return claimed;
    }

    private async Task<bool> FireTaskTimerAsync(TimerRecord timer, CancellationToken ct) =>
        await FireTaskTimersAsync([timer], ct) == 1;

    /// <summary>
    /// Claims the task timers that are still pending (skipping those another node holds), lets the deadline
    /// handler act on each whose task is open, and commits claims and outbox messages together. The messages
    /// go to the dispatcher in chunks, so ten thousand reminders make a few hundred jobs, not ten thousand.
    /// </summary>
    private async Task<int> FireTaskTimersAsync(IReadOnlyList<TimerRecord> timers, CancellationToken ct)
    {
        if (timers.Count == 0)
        {
            return 0;
        }
        var outbox = new List<Guid>();
        int claimedCount;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var ids = timers.Select(t => t.Id).ToArray();
            var claimed = await db.Set<TimerRecord>()
                .FromSqlInterpolated($"select * from lsi.workflow_timers where id = any({ids}) and status = 'Pending' for update skip locked")
                .AsTracking()
                .ToListAsync(ct);
            var now = time.GetUtcNow();
            foreach (var timer in claimed)
            {
                timer.Status = TimerStatus.Fired;
                timer.FiredAt = now;
            }
            var taskIds = claimed.Select(t => t.TaskId!.Value).Distinct().ToList();
            var tasks = await db.Set<TaskRecord>().AsNoTracking()
                .Where(t => taskIds.Contains(t.Id) && t.Status == Persistence.TaskStatus.Open)
                .ToDictionaryAsync(t => t.Id, ct);
            foreach (var timer in claimed.Where(t => tasks.ContainsKey(t.TaskId!.Value)))
            {
                outbox.AddRange(await deadlines.HandleAsync(db, timer, tasks[timer.TaskId!.Value], ct));
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            claimedCount = claimed.Count;
        }
        foreach (var chunk in outbox.Chunk(50))
        {
            await scheduler.DispatchSoonAsync(chunk, ct);
        }
        return claimedCount;
    }

    /// <summary>
    /// A recurring start: the new instance gets the timer's id, so a start repeated after a crash is a no-op;
    /// then the timer is claimed and the next occurrence is planned in one transaction.
    /// </summary>
    private async Task<bool> FireStartTimerAsync(TimerRecord timer, CancellationToken ct)
    {
        await runtime.StartAsync(timer.StartDefinitionId!, null, new StartRequest
        {
            InstanceId = timer.Id,
            StartActivityId = timer.StartActivityId,
            Actor = "systeem",
        }, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await ClaimAsync(db, timer.Id, ct))
        {
            return false;
        }
        var next = await PlanNextStartAsync(db, timer.StartDefinitionId!, timer.DueAt, ct);
        await tx.CommitAsync(ct);
        if (next is { } due)
        {
            await scheduler.WakeAtAsync([due], ct);
        }
        return true;
    }

    /// <summary>
    /// Replaces the recurring-start schedule of a definition by that of its latest published version
    /// (none when it has no TimerStart or nothing is published). Runs in the caller's transaction.
    /// </summary>
    public async Task<DateTimeOffset?> ReplaceScheduleAsync(LsiDbContext db, string definitionId, CancellationToken ct)
    {
        await db.Set<TimerRecord>()
            .Where(t => t.StartDefinitionId == definitionId && t.Status == TimerStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatus.Cancelled), ct);
        return await PlanNextStartAsync(db, definitionId, time.GetUtcNow(), ct);
    }

    private async Task<DateTimeOffset?> PlanNextStartAsync(LsiDbContext db, string definitionId, DateTimeOffset after, CancellationToken ct)
    {
        var latest = await db.Set<DefinitionRecord>().AsNoTracking()
            .Where(d => d.DefinitionId == definitionId && d.Status == DefinitionStatus.Published)
            .OrderByDescending(d => d.Version)
            .FirstOrDefaultAsync(ct);
        if (latest is null)
        {
            return null;
        }
        var definition = DefinitionSerializer.Parse(latest.Json);
        var next = definition.Activities
            .Where(a => a.Type == "TimerStart")
            .Select(a => (Activity: a, Due: ((TimerStart)engine.Registry.Create(a)).NextOccurrence(after)))
            .Where(x => x.Due is not null)
            .OrderBy(x => x.Due)
            .FirstOrDefault();
        if (next.Due is not { } due)
        {
            return null;
        }
        db.Add(new TimerRecord
        {
            Id = Guid.NewGuid(),
            StartDefinitionId = definitionId,
            StartActivityId = next.Activity.Id,
            DueAt = due,
            Status = TimerStatus.Pending,
            CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        return due;
    }

    private async Task<bool> ClaimAsync(LsiDbContext db, Guid timerId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.Set<TimerRecord>()
            .Where(t => t.Id == timerId && t.Status == TimerStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatus.Fired).SetProperty(t => t.FiredAt, now), ct) == 1;
    }
}
