using System.Text.Json;
using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Host.Application;
using LsiWorkflow.Host.Persistence;
using LsiWorkflow.Host.Workflows.Persistence;
using LsiWorkflow.Host.Workflows.Scheduling;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TaskStatus = LsiWorkflow.Host.Workflows.Persistence.TaskStatus;

namespace LsiWorkflow.Host.Workflows.Runtime;

/// <summary>
/// Runs bursts durably. Each burst locks its instance row, runs in the engine, and commits the new state,
/// bookmarks, tasks, timers, outbox messages and journal lines in one transaction. Work that leaves the
/// transaction (Hangfire wake-ups, outbox dispatch) happens after commit and is repeated by the sweeper if
/// this process dies in between; every such step is idempotent.
/// </summary>
public sealed class WorkflowRuntime(
    IDbContextFactory<LsiDbContext> contexts,
    WorkflowEngine engine,
    IServiceProvider services,
    TimeProvider time,
    IWorkflowScheduler scheduler,
    ILogger<WorkflowRuntime> log)
{
    /// <summary>What a burst did, for the caller.</summary>
    public sealed record BurstOutcome(Guid InstanceId, string Status, bool Ignored);

    /// <summary>Creates an instance of a published definition and runs its first burst.</summary>
    public async Task<BurstOutcome> StartAsync(string definitionId, int? version, StartRequest request, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(ct);
        var pending = new AfterCommit();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            if (request.InstanceId != Guid.Empty && await db.Set<InstanceRecord>().AnyAsync(i => i.Id == request.InstanceId, ct))
            {
                return new(request.InstanceId, "", Ignored: true); // a repeated start (e.g. a re-dispatched child) does nothing
            }
            var definition = await LoadPublishedAsync(db, definitionId, version, ct);
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
            await ApplyAsync(db, definition, record, previousBookmarks: new HashSet<Guid>(), result, pending, ct);
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
            await AfterCommitAsync(pending, ct);
            return new(record.Id, record.Status, false);
        }
    }

    /// <summary>
    /// Runs <paramref name="step"/> on the instance under a row lock, so concurrent resumes of one instance
    /// take turns and each sees the state the previous one committed. <paramref name="within"/> runs in the
    /// same transaction before the burst (e.g. to claim a task or a timer) and may veto it by returning false.
    /// </summary>
    public Task<BurstOutcome> RunAsync(
        Guid instanceId,
        Func<WorkflowRunner, WorkflowDefinition, WorkflowState, ValueTask<BurstResult>> step,
        Func<LsiDbContext, WorkflowState, Task<bool>>? within = null,
        CancellationToken ct = default) =>
        RunLockedAsync(
            db => db.Set<InstanceRecord>().FromSqlInterpolated($"select * from lsi.workflow_instances where id = {instanceId} for update"),
            () => new NotFoundException($"Werkstroom-instantie {instanceId} bestaat niet."),
            step, within, ct);

    /// <summary>
    /// As <see cref="RunAsync"/>, on the instance the task belongs to: whoever decides a task needs not read it
    /// before taking the lock (<paramref name="within"/> reads and claims it under the lock).
    /// </summary>
    public Task<BurstOutcome> RunForTaskAsync(
        Guid taskId,
        Func<WorkflowRunner, WorkflowDefinition, WorkflowState, ValueTask<BurstResult>> step,
        Func<LsiDbContext, WorkflowState, Task<bool>> within,
        CancellationToken ct = default) =>
        RunLockedAsync(
            db => db.Set<InstanceRecord>().FromSqlInterpolated(
                $"select * from lsi.workflow_instances where id = (select instance_id from lsi.workflow_tasks where id = {taskId}) for update"),
            () => new NotFoundException($"Taak {taskId} bestaat niet."),
            step, within, ct);

    private async Task<BurstOutcome> RunLockedAsync(
        Func<LsiDbContext, IQueryable<InstanceRecord>> lockInstance,
        Func<Exception> notFound,
        Func<WorkflowRunner, WorkflowDefinition, WorkflowState, ValueTask<BurstResult>> step,
        Func<LsiDbContext, WorkflowState, Task<bool>>? within,
        CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        var pending = new AfterCommit();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The row lock and the id of the instance's definition version in one round trip. An instance stays on its
        // version to the end, even if that version was retracted since.
        var locked = await lockInstance(db)
            .AsTracking()
            .Select(i => new
            {
                Instance = i,
                DefinitionRecordId = db.Set<DefinitionRecord>()
                    .Where(d => d.DefinitionId == i.DefinitionId && d.Version == i.DefinitionVersion && d.Status != DefinitionStatus.Draft)
                    .Select(d => d.Id)
                    .Single(),
            })
            .SingleOrDefaultAsync(ct)
            ?? throw notFound();
        var record = locked.Instance;
        var state = WorkflowState.FromJson(record.State);
        var previousBookmarks = BookmarkRows(state);
        if (within is not null && !await within(db, state))
        {
            return new(record.Id, record.Status, Ignored: true);
        }
        var definition = await LoadDefinitionAsync(db, locked.DefinitionRecordId, record.DefinitionVersion, ct);
        var result = await step(engine.CreateRunner(services), definition, state);
        if (result.Ignored)
        {
            await db.SaveChangesAsync(ct); // what 'within' claimed (a fired timer) stays claimed
            await tx.CommitAsync(ct);
            return new(record.Id, record.Status, Ignored: true);
        }
        await ApplyAsync(db, definition, record, previousBookmarks, result, pending, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await AfterCommitAsync(pending, ct);
        return new(record.Id, record.Status, false);
    }

    /// <summary>
    /// A context for one burst. A burst never goes on after a failed save (its transaction is rolled back), so it needs
    /// no savepoint before its save: one statement fewer per burst.
    /// </summary>
    private async Task<LsiDbContext> OpenAsync(CancellationToken ct)
    {
        var db = await contexts.CreateDbContextAsync(ct);
        db.Database.AutoSavepointsEnabled = false;
        return db;
    }

    private async Task<WorkflowDefinition> LoadPublishedAsync(LsiDbContext db, string definitionId, int? version, CancellationToken ct)
    {
        var query = db.Set<DefinitionRecord>().AsNoTracking()
            .Where(d => d.DefinitionId == definitionId && d.Status == DefinitionStatus.Published);
        if (version is { } v)
        {
            query = query.Where(d => d.Version == v);
        }
        var latest = await query.OrderByDescending(d => d.Version).Select(d => new { d.Id, d.Version }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Er is geen gepubliceerde versie van werkstroom '{definitionId}'.");
        return await LoadDefinitionAsync(db, latest.Id, latest.Version, ct);
    }

    /// <summary>The parsed definition of a stored version; its JSON is read only the first time this node needs it.</summary>
    private async Task<WorkflowDefinition> LoadDefinitionAsync(LsiDbContext db, Guid recordId, int version, CancellationToken ct)
    {
        if (engine.TryGetPublished(recordId, out var cached))
        {
            return cached;
        }
        var json = await db.Set<DefinitionRecord>().AsNoTracking().Where(d => d.Id == recordId).Select(d => d.Json).SingleAsync(ct);
        return engine.Published(recordId, version, json);
    }

    /// <summary>The bookmark rows a committed state has: its bookmarks while it is active, none after.</summary>
    private static IReadOnlySet<Guid> BookmarkRows(WorkflowState state) =>
        state.IsActive ? state.Bookmarks.Select(b => b.Id).ToHashSet() : new HashSet<Guid>();

    private async Task ApplyAsync(
        LsiDbContext db, WorkflowDefinition definition, InstanceRecord record, IReadOnlySet<Guid> previousBookmarks, BurstResult result, AfterCommit pending, CancellationToken ct)
    {
        var state = result.State;
        record.Status = state.Status.ToString();
        record.State = state.ToJson();
        record.UpdatedAt = state.UpdatedAt;
        record.FinishedAt = state.FinishedAt;

        await SyncBookmarksAsync(db, state, previousBookmarks, pending, ct);
        foreach (var effect in result.Effects)
        {
            await ApplyEffectAsync(db, definition, state, effect, pending, ct);
        }
        foreach (var line in result.Journal)
        {
            db.Add(new JournalRecord
            {
                InstanceId = line.InstanceId,
                ActivityId = line.ActivityId,
                ActivityType = line.ActivityType,
                StartedAt = line.StartedAt,
                EndedAt = line.EndedAt,
                Outcome = line.Outcome,
                Actor = line.Actor,
                Message = line.Message,
            });
        }
        if (state.Status == WorkflowStatus.Faulted)
        {
            log.LogWarning("Instance {InstanceId} of {DefinitionId} is faulted: {Incident}",
                state.InstanceId, state.DefinitionId, state.Incidents.LastOrDefault()?.Message);
        }
    }

    /// <summary>
    /// Bookmark rows mirror the state each burst commits, and only bursts (under the instance lock) write them,
    /// so the rows before this burst are those of the state it began from: the difference is written, nothing read.
    /// </summary>
    private static async Task SyncBookmarksAsync(LsiDbContext db, WorkflowState state, IReadOnlySet<Guid> previous, AfterCommit pending, CancellationToken ct)
    {
        var current = state.IsActive ? state.Bookmarks : [];
        foreach (var gone in previous.Where(id => current.All(b => b.Id != id)))
        {
            db.Remove(new BookmarkRecord { Id = gone, ActivityId = "", Kind = "" });
        }
        foreach (var bookmark in current.Where(b => !previous.Contains(b.Id)))
        {
            var record = new BookmarkRecord
            {
                Id = bookmark.Id,
                InstanceId = state.InstanceId,
                ActivityId = bookmark.ActivityId,
                Kind = bookmark.Kind.ToString(),
                EventName = bookmark.EventName,
                CorrelationKey = bookmark.CorrelationKey,
                DueAt = bookmark.DueAt,
            };
            db.Add(record);
            if (bookmark.Kind == BookmarkKind.Event)
            {
                pending.EventWaits.Add(record);
            }
        }
        if (pending.EventWaits.Count > 0)
        {
            // now() is the start of this transaction, on the same clock that stamps raised events.
            pending.TransactionStart = await db.Database.SqlQueryRaw<DateTimeOffset>("select now() as \"Value\"").SingleAsync(ct);
        }
    }

    private async Task ApplyEffectAsync(LsiDbContext db, WorkflowDefinition definition, WorkflowState state, WorkflowEffect effect, AfterCommit pending, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        switch (effect)
        {
            case TaskRequested task:
                db.Add(new TaskRecord
                {
                    Id = task.TaskId,
                    InstanceId = state.InstanceId,
                    BookmarkId = task.BookmarkId,
                    ActivityId = task.ActivityId,
                    DefinitionId = definition.Id,
                    Title = task.Title,
                    Description = task.Description,
                    Organisation = task.Organisation,
                    Role = task.Role,
                    AssigneeUser = task.User,
                    Outcomes = JsonSerializer.Serialize(task.Outcomes, WorkflowState.JsonOptions),
                    CommentRequiredFor = JsonSerializer.Serialize(task.CommentRequiredFor, WorkflowState.JsonOptions),
                    FormFields = JsonSerializer.Serialize(task.FormFields, WorkflowState.JsonOptions),
                    DueAt = task.DueAt,
                    EscalateTo = task.EscalateTo,
                    Priority = task.Priority,
                    Status = TaskStatus.Open,
                    CreatedAt = now,
                });
                PlanDeadlines(db, task, now, pending);
                break;
            case TaskCancelled cancelled:
                await db.Set<TaskRecord>().Where(t => t.Id == cancelled.TaskId && t.Status == TaskStatus.Open)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TaskStatus.Cancelled).SetProperty(t => t.ClosedAt, now), ct);
                await CancelDeadlinesAsync(db, cancelled.TaskId, ct);
                break;
            case TimerRequested timer:
                db.Add(new TimerRecord { Id = timer.TimerId, InstanceId = state.InstanceId, DueAt = timer.DueAt, Status = TimerStatus.Pending, CreatedAt = now });
                pending.Wakeups.Add(timer.DueAt);
                break;
            case TimerCancelled cancelled:
                await db.Set<TimerRecord>().Where(t => t.Id == cancelled.BookmarkId && t.Status == TimerStatus.Pending)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatus.Cancelled), ct);
                break;
            case NotificationRequested or ChildWorkflowRequested or WorkflowFinishedEffect or MilestoneReached:
                var message = new OutboxMessage
                {
                    Id = Guid.NewGuid(),
                    Kind = OutboxKinds.Of(effect),
                    InstanceId = state.InstanceId,
                    Payload = JsonSerializer.Serialize(effect, WorkflowState.JsonOptions),
                    CreatedAt = now,
                };
                db.Add(message);
                pending.Outbox.Add(message.Id);
                break;
            case IncidentRaised:
                break; // the incident is part of the state; the instance is faulted and listed as such
        }
    }

    /// <summary>Reminders before the due date, one on it, and an escalation a day after it when a target is named.</summary>
    private static void PlanDeadlines(LsiDbContext db, TaskRequested task, DateTimeOffset now, AfterCommit pending)
    {
        if (task.DueAt is not { } due)
        {
            return;
        }
        var deadlines = task.RemindAt.Select(at => (At: at, Kind: TaskDeadlineKind.Reminder)).ToList();
        deadlines.Add((due, TaskDeadlineKind.Due));
        if (task.EscalateTo is not null)
        {
            deadlines.Add((due.AddDays(1), TaskDeadlineKind.Escalation));
        }
        foreach (var (at, kind) in deadlines.Where(d => d.At > now))
        {
            db.Add(new TimerRecord { Id = Guid.NewGuid(), TaskId = task.TaskId, TaskDeadline = kind, DueAt = at, Status = TimerStatus.Pending, CreatedAt = now });
            pending.Wakeups.Add(at);
        }
    }

    /// <summary>A closed task gets no more reminders.</summary>
    internal static Task<int> CancelDeadlinesAsync(LsiDbContext db, Guid taskId, CancellationToken ct) =>
        db.Set<TimerRecord>().Where(t => t.TaskId == taskId && t.Status == TimerStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatus.Cancelled), ct);

    private async Task AfterCommitAsync(AfterCommit pending, CancellationToken ct)
    {
        await CatchUpOnEventsAsync(pending, ct);
        try
        {
            if (pending.Wakeups.Count > 0)
            {
                await scheduler.WakeAtAsync(pending.Wakeups, ct);
            }
            if (pending.Outbox.Count > 0)
            {
                await scheduler.DispatchSoonAsync(pending.Outbox, ct);
            }
        }
#pragma warning disable CA1031 // committed work is safe; the sweeper repeats what could not be handed over now
        catch (Exception ex)
#pragma warning restore CA1031
        {
            log.LogWarning(ex, "Post-commit hand-over failed; the sweeper will repeat it");
        }
    }

    /// <summary>Resumes every instance waiting for the event with this key; returns how many went on.</summary>
    public async Task<int> DeliverEventAsync(string eventName, string? correlationKey, JsonNode? payload, CancellationToken ct)
    {
        List<BookmarkRecord> waiting;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            waiting = await db.Set<BookmarkRecord>().AsNoTracking()
                .Where(b => b.EventName == eventName && b.CorrelationKey == correlationKey)
                .ToListAsync(ct);
        }
        var resumed = 0;
        foreach (var bookmark in waiting)
        {
            var outcome = await RunAsync(bookmark.InstanceId, (runner, definition, state) =>
                runner.ResumeAsync(definition, state, new EventReceived(bookmark.Id, payload?.DeepClone()), ct), ct: ct);
            resumed += outcome.Ignored ? 0 : 1;
        }
        return resumed;
    }

    /// <summary>
    /// A wait committed by this burst may have missed its event: raised after the burst began (say, after a
    /// gate read the DPIA as not adopted) but before the wait existed. Such an event is delivered now.
    /// </summary>
    private async Task CatchUpOnEventsAsync(AfterCommit pending, CancellationToken ct)
    {
        foreach (var bookmark in pending.EventWaits)
        {
            EventRecord? missed;
            await using (var db = await contexts.CreateDbContextAsync(ct))
            {
                missed = await db.Set<EventRecord>().AsNoTracking()
                    .Where(e => e.Name == bookmark.EventName && e.CorrelationKey == bookmark.CorrelationKey && e.RaisedAt >= pending.TransactionStart)
                    .OrderBy(e => e.Id)
                    .FirstOrDefaultAsync(ct);
            }
            if (missed is not null)
            {
                log.LogInformation("Delivering event {EventName} ({Key}) raised while instance {InstanceId} began to wait",
                    bookmark.EventName, bookmark.CorrelationKey, bookmark.InstanceId);
                await RunAsync(bookmark.InstanceId, (runner, definition, state) => runner.ResumeAsync(definition, state,
                    new EventReceived(bookmark.Id, missed.Payload is null ? null : JsonNode.Parse(missed.Payload)), ct), ct: ct);
            }
        }
    }

    private sealed class AfterCommit
    {
        public List<DateTimeOffset> Wakeups { get; } = [];
        public List<Guid> Outbox { get; } = [];
        public List<BookmarkRecord> EventWaits { get; } = [];
        public DateTimeOffset TransactionStart { get; set; }
    }
}

public static class OutboxKinds
{
    public const string Notification = "notification";
    public const string StartChild = "start-child";
    public const string ResumeParent = "resume-parent";
    public const string Milestone = "milestone";

    public static string Of(WorkflowEffect effect) => effect switch
    {
        NotificationRequested => Notification,
        ChildWorkflowRequested => StartChild,
        WorkflowFinishedEffect => ResumeParent,
        MilestoneReached => Milestone,
        _ => throw new ArgumentOutOfRangeException(nameof(effect), effect.GetType().Name, "No outbox kind for this effect."),
    };
}
