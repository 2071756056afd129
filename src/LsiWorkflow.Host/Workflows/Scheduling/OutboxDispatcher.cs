using System.Text.Json;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Host.Notifications;
using LsiWorkflow.Host.Persistence;
using LsiWorkflow.Host.Workflows.Persistence;
using LsiWorkflow.Host.Workflows.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Workflows.Scheduling;

/// <summary>A workflow reached a milestone; domain features may record it.</summary>
public sealed record WorkflowMilestoneReached(Guid InstanceId, string DefinitionId, string ActivityId, string Name, DateOnly? PlannedDate, DateTimeOffset ActualAt) : INotification;

/// <summary>
/// Carries out outbox messages after their burst committed. A message is locked while it is carried out and
/// marked dispatched in the same transaction; what it does is idempotent (child instances and mails have
/// fixed ids, resuming a parent twice finds its bookmark gone), so a repeat after a crash is harmless.
/// </summary>
public sealed class OutboxDispatcher(
    IDbContextFactory<LsiDbContext> contexts,
    IServiceProvider services,
    TimeProvider time,
    ILogger<OutboxDispatcher> log)
{
    /// <summary>Each message in a transaction of its own; a few at a time, as messages lock only themselves.</summary>
    public Task DispatchAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, DispatchOneAsync);

    public async Task DispatchStaleAsync(TimeSpan olderThan, CancellationToken ct)
    {
        var before = time.GetUtcNow() - olderThan;
        List<Guid> stale;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            stale = await db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.DispatchedAt == null && m.CreatedAt <= before && m.Attempts < 10)
                .OrderBy(m => m.CreatedAt).Select(m => m.Id).Take(1000).ToListAsync(ct);
        }
        await DispatchAsync(stale, ct);
    }

    private async ValueTask DispatchOneAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var message = await db.Set<OutboxMessage>()
            .FromSqlInterpolated($"select * from lsi.workflow_outbox where id = {id} and dispatched_at is null for update skip locked")
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
            log.LogError(ex, "Outbox message {MessageId} ({Kind}) failed, attempt {Attempt}", message.Id, message.Kind, message.Attempts);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private async Task CarryOutAsync(OutboxMessage message, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
        switch (message.Kind)
        {
            case OutboxKinds.Notification:
                var notification = Read<NotificationRequested>(message);
                await scope.ServiceProvider.GetRequiredService<INotificationSender>().SendAsync(notification, ct);
                break;
            case OutboxKinds.StartChild:
                var child = Read<ChildWorkflowRequested>(message);
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
                var finished = Read<WorkflowFinishedEffect>(message);
                await runtime.RunAsync(finished.ParentInstanceId, (runner, definition, state) =>
                    runner.ResumeAsync(definition, state, new ChildFinished(finished.ParentBookmarkId, finished.InstanceId, finished.Output), ct), ct: ct);
                break;
            case OutboxKinds.Milestone:
                var milestone = Read<MilestoneReached>(message);
                var instance = await scope.ServiceProvider.GetRequiredService<LsiDbContext>().Set<InstanceRecord>().AsNoTracking()
                    .SingleAsync(i => i.Id == message.InstanceId, ct);
                await scope.ServiceProvider.GetRequiredService<IPublisher>().Publish(new WorkflowMilestoneReached(
                    instance.Id, instance.DefinitionId, milestone.ActivityId, milestone.Name, milestone.PlannedDate, milestone.ActualAt), ct);
                break;
            default:
                throw new InvalidOperationException($"Unknown outbox kind '{message.Kind}'.");
        }
    }

    private static T Read<T>(OutboxMessage message) where T : WorkflowEffect =>
        (T)JsonSerializer.Deserialize<WorkflowEffect>(message.Payload, WorkflowState.JsonOptions)!;
}

/// <summary>Every milestone a workflow reaches is logged; domain features add handlers of their own.</summary>
public sealed class LogMilestoneReached(ILogger<LogMilestoneReached> log) : INotificationHandler<WorkflowMilestoneReached>
{
    public ValueTask Handle(WorkflowMilestoneReached notification, CancellationToken cancellationToken)
    {
        log.LogInformation("Milestone {Name} reached by {DefinitionId} instance {InstanceId} at {ActualAt}",
            notification.Name, notification.DefinitionId, notification.InstanceId, notification.ActualAt);
        return ValueTask.CompletedTask;
    }
}
