using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Runtime;

/// <summary>Who decides a task, as the host knows them.</summary>
public sealed record TaskDecider(string UserName, string? Organisation, IReadOnlySet<string> Roles);

/// <summary>A decision on a task: the outcome chosen, an optional comment and the form's values.</summary>
public sealed record TaskDecision(Guid TaskId, string Outcome, string? Comment, JsonObject? FormValues, TaskDecider By);

/// <summary>
/// Who may decide a task is the host's rule, not the runtime's: the runtime asks it under the instance lock, after
/// closing the task, and a refusal (an exception) rolls the closing back.
/// </summary>
public interface ITaskDecisionRules
{
    void EnsureMayDecide(TaskRecord task, TaskDecider decider);
}

/// <summary>The task rows a burst and a decision write besides the instance.</summary>
internal static class TaskRows
{
    /// <summary>Closes the task if it is still open and returns its row; null when it was closed before.</summary>
    public static async Task<TaskRecord?> CloseAsync(DbContext db, TaskDecision decision, DateTimeOffset now, CancellationToken ct)
    {
        var formValues = decision.FormValues?.ToJsonString();
        var closed = await db.Set<TaskRecord>().FromSqlInterpolated($"""
            update lsi.workflow_tasks
            set status = 'Completed', closed_at = {now}, completed_by = {decision.By.UserName},
                completed_by_organisation = {decision.By.Organisation}, outcome = {decision.Outcome},
                comment = {decision.Comment}, form_values = {formValues}::jsonb
            where id = {decision.TaskId} and status = 'Open'
            returning *
            """).AsNoTracking().ToListAsync(ct);
        return closed.Count == 0 ? null : closed[0];
    }

    /// <summary>Reminders before the due date, one on it, and an escalation a day after it when a target is named.</summary>
    public static void PlanDeadlines(DbContext db, TaskRequested task, DateTimeOffset now, List<DateTimeOffset> wakeups)
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
            wakeups.Add(at);
        }
    }

    /// <summary>A closed task gets no more reminders.</summary>
    public static Task<int> CancelDeadlinesAsync(DbContext db, Guid taskId, CancellationToken ct) =>
        db.Set<TimerRecord>().Where(t => t.TaskId == taskId && t.Status == TimerStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatus.Cancelled), ct);
}

/// <summary>The timer table is the truth: a timer fires when its row moves from Pending to Fired, which happens once.</summary>
internal static class TimerRows
{
    public static async Task<bool> ClaimAsync(DbContext db, Guid timerId, DateTimeOffset now, CancellationToken ct) =>
        await db.Set<TimerRecord>()
            .Where(t => t.Id == timerId && t.Status == TimerStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatus.Fired).SetProperty(t => t.FiredAt, now), ct) == 1;
}
