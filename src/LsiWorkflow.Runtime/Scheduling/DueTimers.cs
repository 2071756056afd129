using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Runtime.Outbox;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LsiWorkflow.Runtime.Scheduling;

/// <summary>What a batch claim took: how many items, and the outbox messages it left for them.</summary>
public sealed record ClaimedBatch(int Claimed, Guid[] Outbox);

/// <summary>
/// Due work of a feature that is claimed in batches and delivered through the outbox, like task deadlines (for
/// example the reminders of milestones): a claim marks up to <c>limit</c> due items fired and leaves an outbox message
/// for each, in one transaction, skipping rows another node holds.
/// </summary>
public interface IDueClaims
{
    Task<ClaimedBatch> ClaimDueAsync(int limit, CancellationToken ct);
}

/// <summary>
/// Fires due timers. The timer table is the truth: a timer fires when its row moves from Pending to Fired,
/// which happens once whatever number of jobs, nodes or retries reach it.
/// </summary>
public sealed class DueTimers(
    IRuntimeContexts contexts,
    DurableRuntime runtime,
    EngineServices engine,
    IWorkflowScheduler scheduler,
    OutboxDispatcher dispatcher,
    IEnumerable<IDueClaims> featureClaims,
    TimeProvider time,
    ILogger<DueTimers> log)
{
    private const int BatchSize = 500;

    /// <summary>The first batch is small, so the first reminders go out while the rest are still being claimed.</summary>
    private const int FirstBatchSize = 50;

    /// <summary>
    /// Fires every timer that is due now, and the due work of features (<see cref="IDueClaims"/>), in batches; returns
    /// how many fired. Task deadlines and features' due work are claimed a batch per statement while earlier batches
    /// are being delivered, a few deliveries side by side; instance and start timers fire one by one, several at a time.
    /// </summary>
    public async Task<int> FireAllDueAsync(CancellationToken ct)
    {
        var fired = 0;
        var delivering = new List<Task>();
        using var deliveries = new SemaphoreSlim(3);
        try
        {
            fired += await ClaimAndDeliverAsync(size => ClaimDueTaskTimersAsync(null, size, ct), deliveries, delivering, ct);
            while (!ct.IsCancellationRequested)
            {
                var now = time.GetUtcNow();
                List<TimerRecord> due;
                await using (var db = await contexts.CreateAsync(ct))
                {
                    due = await db.Set<TimerRecord>().AsNoTracking()
                        .Where(t => t.Status == TimerStatus.Pending && t.DueAt <= now && t.TaskId == null)
                        .OrderBy(t => t.DueAt)
                        .Take(BatchSize)
                        .ToListAsync(ct);
                }
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (timer, token) =>
                {
                    if (await FireAsync(timer, token))
                    {
                        Interlocked.Increment(ref fired);
                    }
                });
                if (due.Count < BatchSize)
                {
                    break;
                }
            }
            foreach (var claims in featureClaims)
            {
                fired += await ClaimAndDeliverAsync(size => claims.ClaimDueAsync(size, ct), deliveries, delivering, ct);
            }
        }
        finally
        {
            await Task.WhenAll(delivering);
        }
        return fired;
    }

    /// <summary>Claims batch after batch until one comes back short, handing each to delivery while the next is claimed.</summary>
    private async Task<int> ClaimAndDeliverAsync(
        Func<int, Task<ClaimedBatch>> claim, SemaphoreSlim deliveries, List<Task> delivering, CancellationToken ct)
    {
        var fired = 0;
        for (var size = FirstBatchSize; !ct.IsCancellationRequested; size = BatchSize)
        {
            var batch = await claim(size);
            fired += batch.Claimed;
            if (batch.Outbox.Length > 0)
            {
                // The dispatcher splits a claim into its own batches.
                await deliveries.WaitAsync(ct);
                delivering.Add(DeliverAsync(batch.Outbox, deliveries, ct));
            }
            if (batch.Claimed < size)
            {
                break;
            }
        }
        return fired;
    }

    private async Task DeliverAsync(Guid[] outbox, SemaphoreSlim deliveries, CancellationToken ct)
    {
        try
        {
            await dispatcher.DispatchAsync(outbox, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The messages stay in the outbox; the sweeper delivers them.
            log.LogError(ex, "Delivering {Count} reminder messages failed", outbox.Length);
        }
        finally
        {
            deliveries.Release();
        }
    }

    /// <summary>Fires one timer; false when it was fired, cancelled or claimed elsewhere already.</summary>
    public async Task<bool> FireAsync(TimerRecord timer, CancellationToken ct)
    {
        try
        {
            return timer switch
            {
                { InstanceId: { } instanceId } => await runtime.FireTimerAsync(timer.Id, instanceId, ct),
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

    private async Task<bool> FireTaskTimerAsync(TimerRecord timer, CancellationToken ct)
    {
        var batch = await ClaimDueTaskTimersAsync(timer.Id, 1, ct);
        await dispatcher.DispatchAsync(batch.Outbox, ct);
        return batch.Claimed == 1;
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> due task timers (or the one named), skipping those another node
    /// holds, and leaves an outbox message for each whose task is still open — one statement, one transaction.
    /// The message has the timer's id, so a timer cannot leave two. The caller delivers the messages; a crash
    /// before that leaves them to the sweeper, never a lost or doubled reminder.
    /// </summary>
    private async Task<ClaimedBatch> ClaimDueTaskTimersAsync(Guid? timerId, int limit, CancellationToken ct)
    {
        await using var db = await contexts.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        var rows = await db.Database.SqlQuery<ClaimedDeadline>($"""
            with claimed as (
                update lsi.workflow_timers t set status = 'Fired', fired_at = {now}
                from (select id from lsi.workflow_timers
                      where status = 'Pending' and task_id is not null and due_at <= {now} and ({timerId}::uuid is null or id = {timerId})
                      order by due_at limit {limit} for update skip locked) c
                where t.id = c.id
                returning t.id, t.task_id, t.task_deadline),
            messages as (
                insert into lsi.workflow_outbox (id, kind, instance_id, payload, created_at, attempts)
                select c.id, {OutboxKinds.TaskDeadline}, k.instance_id,
                       jsonb_build_object('TimerId', c.id, 'TaskId', c.task_id, 'Deadline', c.task_deadline), {now}, 0
                from claimed c join lsi.workflow_tasks k on k.id = c.task_id and k.status = 'Open'
                returning id)
            select (select count(*) from claimed)::int as claimed, m.id as message_id
            from (select 1) one left join messages m on true
            """).ToListAsync(ct);
        await tx.CommitAsync(ct);
        return new(rows.Count == 0 ? 0 : rows[0].Claimed, [.. rows.Where(r => r.MessageId is not null).Select(r => r.MessageId!.Value)]);
    }

    private sealed class ClaimedDeadline
    {
        public int Claimed { get; init; }
        public Guid? MessageId { get; init; }
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
        await using var db = await contexts.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await TimerRows.ClaimAsync(db, timer.Id, time.GetUtcNow(), ct))
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
    public async Task<DateTimeOffset?> ReplaceScheduleAsync(DbContext db, string definitionId, CancellationToken ct)
    {
        await db.Set<TimerRecord>()
            .Where(t => t.StartDefinitionId == definitionId && t.Status == TimerStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatus.Cancelled), ct);
        return await PlanNextStartAsync(db, definitionId, time.GetUtcNow(), ct);
    }

    private async Task<DateTimeOffset?> PlanNextStartAsync(DbContext db, string definitionId, DateTimeOffset after, CancellationToken ct)
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
}
