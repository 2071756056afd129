using System.Text.Json;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Runtime.Outbox;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using TaskStatus = LsiWorkflow.Runtime.Persistence.TaskStatus;

namespace LsiWorkflow.Runtime;

/// <summary>
/// Writes what a burst did into the burst's transaction: the instance's state, its bookmark rows, a row per effect
/// (tasks with their deadlines, timers, outbox messages) and its journal lines. Nothing here leaves the transaction;
/// what must happen after commit is returned.
/// </summary>
internal static class BurstWriter
{
    public static async Task<WorkAfterCommit> WriteAsync(
        DbContext db, WorkflowDefinition definition, InstanceRecord record, IReadOnlySet<Guid> bookmarksBefore, BurstResult result, CancellationToken ct)
    {
        var state = result.State;
        record.Status = state.Status.ToString();
        record.State = state.ToJson();
        record.UpdatedAt = state.UpdatedAt;
        record.FinishedAt = state.FinishedAt;

        var work = new WorkAfterCommit();
        await WriteBookmarksAsync(db, state, bookmarksBefore, work, ct);
        foreach (var effect in result.Effects)
        {
            await WriteEffectAsync(db, definition, state, effect, now: state.UpdatedAt, work, ct);
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
            work.Faulted = (state.InstanceId, state.DefinitionId, state.Incidents.LastOrDefault()?.Message);
        }
        return work;
    }

    /// <summary>The bookmark rows a committed state has: its bookmarks while it is active, none after.</summary>
    public static IReadOnlySet<Guid> BookmarkRows(WorkflowState state) =>
        state.IsActive ? state.Bookmarks.Select(b => b.Id).ToHashSet() : new HashSet<Guid>();

    /// <summary>
    /// Bookmark rows mirror the state each burst commits, and only bursts (under the instance lock) write them, so the
    /// rows before this burst are those of the state it began from: the difference is written, nothing read.
    /// </summary>
    private static async Task WriteBookmarksAsync(DbContext db, WorkflowState state, IReadOnlySet<Guid> before, WorkAfterCommit work, CancellationToken ct)
    {
        var current = state.IsActive ? state.Bookmarks : [];
        foreach (var gone in before.Where(id => current.All(b => b.Id != id)))
        {
            db.Remove(new BookmarkRecord { Id = gone, ActivityId = "", Kind = "" });
        }
        foreach (var bookmark in current.Where(b => !before.Contains(b.Id)))
        {
            var row = new BookmarkRecord
            {
                Id = bookmark.Id,
                InstanceId = state.InstanceId,
                ActivityId = bookmark.ActivityId,
                Kind = bookmark.Kind.ToString(),
                EventName = bookmark.EventName,
                CorrelationKey = bookmark.CorrelationKey,
                DueAt = bookmark.DueAt,
            };
            db.Add(row);
            if (bookmark.Kind == BookmarkKind.Event)
            {
                work.EventWaits.Add(row);
            }
        }
        if (work.EventWaits.Count > 0)
        {
            // now() is the start of this transaction, on the same clock that stamps raised events.
            work.TransactionStart = await db.Database.SqlQueryRaw<DateTimeOffset>("select now() as \"Value\"").SingleAsync(ct);
        }
    }

    private static async Task WriteEffectAsync(
        DbContext db, WorkflowDefinition definition, WorkflowState state, WorkflowEffect effect, DateTimeOffset now, WorkAfterCommit work, CancellationToken ct)
    {
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
                TaskRows.PlanDeadlines(db, task, now, work.Wakeups);
                break;
            case TaskCancelled cancelled:
                await db.Set<TaskRecord>().Where(t => t.Id == cancelled.TaskId && t.Status == TaskStatus.Open)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TaskStatus.Cancelled).SetProperty(t => t.ClosedAt, now), ct);
                await TaskRows.CancelDeadlinesAsync(db, cancelled.TaskId, ct);
                break;
            case TimerRequested timer:
                db.Add(new TimerRecord { Id = timer.TimerId, InstanceId = state.InstanceId, DueAt = timer.DueAt, Status = TimerStatus.Pending, CreatedAt = now });
                work.Wakeups.Add(timer.DueAt);
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
                work.Outbox.Add(message.Id);
                break;
            case IncidentRaised:
                break; // the incident is part of the state; the instance is faulted and listed as such
        }
    }
}
