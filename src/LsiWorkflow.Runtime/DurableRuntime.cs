using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LsiWorkflow.Runtime;

/// <summary>What a burst did, for the caller: the instance's status after it, or that the signal changed nothing.</summary>
public sealed record BurstOutcome(Guid InstanceId, string Status, bool Ignored);

/// <summary>
/// Runs instances durably. Every entry point locks its instance row, runs one burst in the engine and commits the new
/// state with its bookmarks, tasks, timers, outbox messages and journal lines in one transaction
/// (<see cref="LockedInstance"/>). Work that leaves the transaction (Hangfire wake-ups, outbox dispatch) happens
/// after commit and is repeated by the sweep if this process dies in between; every such step is idempotent.
/// Concurrent signals for one instance take turns on the row lock, each seeing what the previous one committed.
/// </summary>
public sealed class DurableRuntime(
    IRuntimeContexts contexts,
    EngineServices engine,
    PublishedDefinitions definitions,
    IServiceProvider services,
    ITaskDecisionRules taskRules,
    TimeProvider time,
    AfterCommit afterCommit)
{
    /// <summary>Creates an instance of a published definition and runs its first burst. A start with an instance id that exists does nothing.</summary>
    public async Task<BurstOutcome> StartAsync(string definitionId, int? version, StartRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var measured = RuntimeTelemetry.Burst("start");
        await using var db = await OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (request.InstanceId != Guid.Empty && await db.Set<InstanceRecord>().AnyAsync(i => i.Id == request.InstanceId, ct))
        {
            return new(request.InstanceId, "", Ignored: true); // a repeated start (e.g. a re-dispatched child)
        }
        var definition = await definitions.LatestAsync(db, definitionId, version, ct);
        var result = await engine.CreateRunner(services).StartAsync(definition, request, ct);
        var record = new InstanceRecord
        {
            Id = result.State.InstanceId,
            DefinitionId = definition.Id,
            DefinitionVersion = definition.Version,
            Status = result.State.Status.ToString(),
            State = result.State.ToJson(),
            CorrelationKey = request.CorrelationKey,
            ParentInstanceId = request.ParentInstanceId,
            StartedBy = request.Actor,
            CreatedAt = result.State.CreatedAt,
            UpdatedAt = result.State.UpdatedAt,
            FinishedAt = result.State.FinishedAt,
        };
        db.Add(record);
        var work = await BurstWriter.WriteAsync(db, definition, record, bookmarksBefore: new HashSet<Guid>(), result, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (request.InstanceId != Guid.Empty
            && ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "workflow_instances" })
        {
            return new(request.InstanceId, "", Ignored: true); // the same start arrived twice at once and the other one won
        }
        await tx.CommitAsync(ct);
        RuntimeTelemetry.Committed(result, decision: false);
        await afterCommit.RunAsync(work, this, ct);
        return new(record.Id, record.Status, false);
    }

    /// <summary>
    /// A person decides a task. Under the instance lock the task is closed if it is still open, the feature's rules
    /// say whether this person may decide it, its reminders are cancelled and the instance goes on; a refusal rolls
    /// all of it back. Of two people deciding at once, one succeeds and the other gets <see cref="TaskNotOpenException"/>.
    /// </summary>
    public async Task<BurstOutcome> DecideTaskAsync(TaskDecision decision, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(decision);
        using var measured = RuntimeTelemetry.Burst("task");
        await using var instance = await LockAsync(db => db.Set<InstanceRecord>().FromSqlInterpolated(
            $"select * from lsi.workflow_instances where id = (select instance_id from lsi.workflow_tasks where id = {decision.TaskId}) for update"),
            $"Taak {decision.TaskId} bestaat niet.", ct);
        var task = await TaskRows.CloseAsync(instance.Db, decision, time.GetUtcNow(), ct) ?? throw new TaskNotOpenException(decision.TaskId);
        taskRules.EnsureMayDecide(task, decision.By);
        await TaskRows.CancelDeadlinesAsync(instance.Db, task.Id, ct);
        BurstResult result;
        try
        {
            result = await instance.Runner.ResumeAsync(instance.Definition, instance.State, new TaskCompleted(
                task.BookmarkId, task.Id, decision.Outcome, decision.By.UserName, decision.By.Organisation, decision.Comment, decision.FormValues), ct);
        }
        catch (TaskAlreadyCompletedException)
        {
            throw new TaskNotOpenException(task.Id);
        }
        if (result.Ignored)
        {
            throw new TaskNotOpenException(task.Id); // the instance waits no more: the closing above is rolled back
        }
        return await CommitAsync(instance, result, ct, decision: true);
    }

    /// <summary>
    /// Records a domain event and resumes every instance waiting for it with this key; returns how many went on.
    /// Recorded first: an instance whose wait commits after the scan finds the event afterwards (<see cref="AfterCommit"/>).
    /// </summary>
    public async Task<int> RaiseEventAsync(string eventName, string? correlationKey, JsonNode? payload, CancellationToken ct)
    {
        List<BookmarkRecord> waiting;
        await using (var db = await contexts.CreateAsync(ct))
        {
            db.Add(new EventRecord { Name = eventName, CorrelationKey = correlationKey, Payload = payload?.ToJsonString() });
            await db.SaveChangesAsync(ct);
            waiting = await db.Set<BookmarkRecord>().AsNoTracking()
                .Where(b => b.EventName == eventName && b.CorrelationKey == correlationKey)
                .ToListAsync(ct);
        }
        var resumed = 0;
        foreach (var bookmark in waiting)
        {
            var outcome = await ResumeAtEventAsync(bookmark.InstanceId, bookmark.Id, payload, ct);
            resumed += outcome.Ignored ? 0 : 1;
        }
        return resumed;
    }

    /// <summary>Delivers an event to one waiting bookmark of an instance.</summary>
    internal async Task<BurstOutcome> ResumeAtEventAsync(Guid instanceId, Guid bookmarkId, JsonNode? payload, CancellationToken ct)
    {
        using var measured = RuntimeTelemetry.Burst("event", instanceId);
        await using var instance = await LockInstanceAsync(instanceId, ct);
        var result = await instance.Runner.ResumeAsync(instance.Definition, instance.State, new EventReceived(bookmarkId, payload?.DeepClone()), ct);
        return await CommitAsync(instance, result, ct);
    }

    /// <summary>
    /// Fires an instance timer: the timer row is claimed and the instance resumed in one transaction, so a timer fires
    /// once whatever number of jobs, nodes or retries reach it. False when it was fired or cancelled already.
    /// </summary>
    public async Task<bool> FireTimerAsync(Guid timerId, Guid instanceId, CancellationToken ct)
    {
        using var measured = RuntimeTelemetry.Burst("timer", instanceId);
        await using var instance = await LockInstanceAsync(instanceId, ct);
        if (!await TimerRows.ClaimAsync(instance.Db, timerId, time.GetUtcNow(), ct))
        {
            return false;
        }
        var result = await instance.Runner.ResumeAsync(instance.Definition, instance.State, new TimerFired(timerId), ct);
        await CommitAsync(instance, result, ct); // an ignored signal still commits the claim
        return true;
    }

    /// <summary>A child instance finished: its parent goes on at the bookmark that waits for it.</summary>
    public async Task<BurstOutcome> ResumeParentAsync(WorkflowFinishedEffect finished, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(finished);
        using var measured = RuntimeTelemetry.Burst("parent", finished.ParentInstanceId);
        await using var instance = await LockInstanceAsync(finished.ParentInstanceId, ct);
        var result = await instance.Runner.ResumeAsync(instance.Definition, instance.State,
            new ChildFinished(finished.ParentBookmarkId, finished.InstanceId, finished.Output), ct);
        return await CommitAsync(instance, result, ct);
    }

    /// <summary>Ends an instance with its open tasks and timers; ignored when it has ended already.</summary>
    public async Task<BurstOutcome> CancelAsync(Guid instanceId, string reason, string actor, CancellationToken ct)
    {
        using var measured = RuntimeTelemetry.Burst("cancel", instanceId);
        await using var instance = await LockInstanceAsync(instanceId, ct);
        var result = await instance.Runner.CancelAsync(instance.Definition, instance.State, reason, actor);
        return await CommitAsync(instance, result, ct);
    }

    /// <summary>Retries the activity of an open incident; the instance continues from there.</summary>
    /// <exception cref="WorkflowNotFoundException">The instance has no such open incident.</exception>
    public async Task<BurstOutcome> RetryIncidentAsync(Guid instanceId, Guid incidentId, string actor, CancellationToken ct)
    {
        using var measured = RuntimeTelemetry.Burst("retry", instanceId);
        await using var instance = await LockInstanceAsync(instanceId, ct);
        if (instance.State.Incidents.All(i => i.Id != incidentId || i.Resolved))
        {
            throw new WorkflowNotFoundException($"Incident {incidentId} bestaat niet of is al opgelost.");
        }
        var result = await instance.Runner.RetryAsync(instance.Definition, instance.State, incidentId, actor, ct);
        return await CommitAsync(instance, result, ct);
    }

    private Task<LockedInstance> LockInstanceAsync(Guid instanceId, CancellationToken ct) =>
        LockAsync(db => db.Set<InstanceRecord>().FromSqlInterpolated($"select * from lsi.workflow_instances where id = {instanceId} for update"),
            $"Werkstroom-instantie {instanceId} bestaat niet.", ct);

    private async Task<LockedInstance> LockAsync(Func<DbContext, IQueryable<InstanceRecord>> lockRow, string notFound, CancellationToken ct)
    {
        var db = await OpenAsync(ct);
        try
        {
            return await LockedInstance.OpenAsync(db, lockRow(db), notFound, definitions, engine.CreateRunner(services), ct);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>Commits a burst on a locked instance, then hands its after-commit work over.</summary>
    private async Task<BurstOutcome> CommitAsync(LockedInstance instance, BurstResult result, CancellationToken ct, bool decision = false)
    {
        var work = await instance.CommitAsync(result, ct);
        RuntimeTelemetry.Committed(result, decision);
        await afterCommit.RunAsync(work, this, ct);
        return new(instance.Record.Id, instance.Record.Status, result.Ignored);
    }

    /// <summary>
    /// A context for one burst. A burst never goes on after a failed save (its transaction is rolled back), so it needs
    /// no savepoint before its save: one statement fewer per burst.
    /// </summary>
    private async Task<DbContext> OpenAsync(CancellationToken ct)
    {
        var db = await contexts.CreateAsync(ct);
        db.Database.AutoSavepointsEnabled = false;
        return db;
    }
}
