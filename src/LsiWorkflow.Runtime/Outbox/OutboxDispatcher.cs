using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LsiWorkflow.Runtime.Outbox;

/// <summary>
/// Carries out outbox messages after their burst committed. Notifications go in batches: a batch is locked
/// (skipping rows another node holds), delivered (in-app lines in the same transaction, mails written before
/// it commits) and marked dispatched in one transaction. Other messages go one per transaction. What a
/// message does is idempotent (child instances and mails have fixed ids, resuming a parent twice finds its
/// bookmark gone), so a repeat after a crash is harmless. A message that fails waits longer after each attempt
/// (<see cref="OutboxOptions"/>) and is tried until it is delivered or an administrator gives up on it; after
/// <see cref="OutboxOptions.WarnAfterAttempts"/> failures the <see cref="IOutboxAlarm"/> warns the administrators.
/// </summary>
public sealed class OutboxDispatcher(
    IRuntimeContexts contexts,
    IServiceProvider services,
    OutboxOptions options,
    TimeProvider time,
    ILogger<OutboxDispatcher> log)
{
    /// <summary>Messages per notification batch: big enough that the fixed cost per transaction vanishes, small enough to keep locks short.</summary>
    public const int BatchSize = 250;

    /// <summary>Batches of notifications side by side; the messages of a batch lock only themselves.</summary>
    public Task DispatchAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        Parallel.ForEachAsync(ids.Chunk(BatchSize), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, DispatchBatchAsync);

    /// <summary>
    /// Messages never tried that are older than <paramref name="olderThan"/> (their dispatch after commit was lost),
    /// and failed messages whose next attempt is due. None is ever left behind for its number of attempts.
    /// </summary>
    public async Task DispatchStaleAsync(TimeSpan olderThan, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var before = now - olderThan;
        List<Guid> stale;
        await using (var db = await contexts.CreateAsync(ct))
        {
            stale = await db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.DispatchedAt == null && m.AbandonedAt == null
                    && (m.NextAttemptAt == null ? m.CreatedAt <= before : m.NextAttemptAt <= now))
                .OrderBy(m => m.CreatedAt).Select(m => m.Id).Take(5000).ToListAsync(ct);
        }
        await DispatchAsync(stale, ct);
    }

    private async ValueTask DispatchBatchAsync(Guid[] ids, CancellationToken ct)
    {
        List<Guid> others;
        await using (var db = await contexts.CreateAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Due still: another node may have tried a listed message in the meantime and set its next attempt.
            var now = time.GetUtcNow();
            var messages = await db.Set<OutboxMessage>()
                .FromSqlInterpolated($"select * from lsi.workflow_outbox where id = any({ids}) and dispatched_at is null and abandoned_at is null and (next_attempt_at is null or next_attempt_at <= {now}) for update skip locked")
                .AsNoTracking()
                .ToListAsync(ct);
            // A scope per batch: batches run side by side, and the sender's user lookups hold a context of their own.
            await using var scope = services.CreateAsyncScope();
            var sources = scope.ServiceProvider.GetServices<INoticeSource>().ToDictionary(s => s.Kind);
            var notifying = messages.Where(m => m.Kind == OutboxKinds.Notification || sources.ContainsKey(m.Kind)).ToList();
            others = [.. messages.Except(notifying).Select(m => m.Id)];
            if (notifying.Count > 0)
            {
                await NotifyAsync(db, notifying, sources, scope.ServiceProvider.GetRequiredService<INoticeDelivery>(), ct);
            }
            await tx.CommitAsync(ct);
        }
        foreach (var id in others)
        {
            await DispatchOneAsync(id, ct);
        }
    }

    private async Task NotifyAsync(DbContext db, List<OutboxMessage> messages, Dictionary<string, INoticeSource> sources, INoticeDelivery delivery, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        IReadOnlyDictionary<Guid, Exception> failures;
        try
        {
            var byMessage = new Dictionary<Guid, Notice>();
            foreach (var group in messages.GroupBy(m => m.Kind))
            {
                var found = group.Key == OutboxKinds.Notification
                    ? group.ToDictionary(m => m.Id, m => WorkflowNotice(m.Effect<NotificationRequested>()))
                    : await sources[group.Key].NoticesAsync(db, [.. group], ct);
                foreach (var (id, notice) in found)
                {
                    byMessage[id] = notice;
                }
            }
            var failed = await delivery.DeliverAsync(db, [.. byMessage.Values], ct);
            // The sender reports by notice id; a message fails with its notice.
            failures = byMessage.Where(p => failed.ContainsKey(p.Value.MessageId)).ToDictionary(p => p.Key, p => failed[p.Value.MessageId]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            failures = messages.ToDictionary(m => m.Id, _ => ex);
        }
        // One statement marks the batch done; failures, rare, one each.
        var done = messages.Where(m => !failures.ContainsKey(m.Id)).Select(m => m.Id).ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync($"update lsi.workflow_outbox set dispatched_at = {now} where id = any({done})", ct);
        var failing = messages.Where(m => failures.ContainsKey(m.Id)).ToList();
        foreach (var message in failing)
        {
            var error = failures[message.Id].GetBaseException().Message;
            message.Attempts++;
            var next = now + options.DelayAfter(message.Attempts);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"update lsi.workflow_outbox set attempts = {message.Attempts}, last_error = {error}, next_attempt_at = {next} where id = {message.Id}", ct);
            log.LogError(failures[message.Id], "Outbox message {MessageId} ({Kind}) failed, attempt {Attempt}, next at {NextAttempt}", message.Id, message.Kind, message.Attempts, next);
        }
        await WarnAsync(db, failing, ct);
    }

    /// <summary>Once per message, on the attempt that reaches the threshold; later failures stay in the log and the health check.</summary>
    private async Task WarnAsync(DbContext db, List<OutboxMessage> failed, CancellationToken ct)
    {
        var reached = failed.Where(m => m.Attempts == options.WarnAfterAttempts).ToList();
        if (reached.Count == 0)
        {
            return;
        }
        log.LogWarning("{Count} outbox message(s) failed {Attempts} times and are still undelivered; administrators are warned", reached.Count, options.WarnAfterAttempts);
        await using var scope = services.CreateAsyncScope();
        foreach (var alarm in scope.ServiceProvider.GetServices<IOutboxAlarm>())
        {
            await alarm.RaiseAsync(db, reached, ct);
        }
    }

    private static Notice WorkflowNotice(NotificationRequested n) => Notice.Fixed(n.MessageId, n.Organisations, n.Roles, n.Users, n.Subject, n.Body);

    private async Task DispatchOneAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        var message = await db.Set<OutboxMessage>()
            .FromSqlInterpolated($"select * from lsi.workflow_outbox where id = {id} and dispatched_at is null and abandoned_at is null and (next_attempt_at is null or next_attempt_at <= {now}) for update skip locked")
            .AsTracking()
            .SingleOrDefaultAsync(ct);
        if (message is null)
        {
            return; // done already, or being done by another node
        }
        try
        {
            await CarryOutAsync(message, ct);
            message.DispatchedAt = time.GetUtcNow();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            message.Attempts++;
            message.LastError = ex.GetBaseException().Message;
            message.NextAttemptAt = time.GetUtcNow() + options.DelayAfter(message.Attempts);
            log.LogError(ex, "Outbox message {MessageId} ({Kind}) failed, attempt {Attempt}, next at {NextAttempt}", message.Id, message.Kind, message.Attempts, message.NextAttemptAt);
        }
        await db.SaveChangesAsync(ct);
        if (message.DispatchedAt is null)
        {
            await WarnAsync(db, [message], ct);
        }
        await tx.CommitAsync(ct);
    }

    private async Task CarryOutAsync(OutboxMessage message, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var runtime = scope.ServiceProvider.GetRequiredService<DurableRuntime>();
        switch (message.Kind)
        {
            case OutboxKinds.StartChild:
                var child = message.Effect<ChildWorkflowRequested>();
                await runtime.StartAsync(child.DefinitionId, null, new StartRequest
                {
                    InstanceId = child.ChildInstanceId,
                    Input = child.Input,
                    ParentInstanceId = child.ParentInstanceId,
                    ParentBookmarkId = child.ParentBookmarkId,
                    Actor = "systeem",
                }, ct);
                break;
            case OutboxKinds.ResumeParent:
                await runtime.ResumeParentAsync(message.Effect<WorkflowFinishedEffect>(), ct);
                break;
            default:
                var handler = scope.ServiceProvider.GetServices<IOutboxHandler>().FirstOrDefault(h => h.Kind == message.Kind)
                    ?? throw new InvalidOperationException($"Unknown outbox kind '{message.Kind}'.");
                await handler.HandleAsync(message, ct);
                break;
        }
    }
}
