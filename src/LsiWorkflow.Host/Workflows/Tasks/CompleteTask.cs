using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Host.Application;
using LsiWorkflow.Host.Identity;
using LsiWorkflow.Host.Persistence;
using LsiWorkflow.Host.Workflows.Persistence;
using LsiWorkflow.Host.Workflows.Runtime;
using LsiWorkflow.Host.Workflows.Instances;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskStatus = LsiWorkflow.Host.Workflows.Persistence.TaskStatus;

namespace LsiWorkflow.Host.Workflows.Tasks;

/// <summary>
/// A person decides a task. The task and its instance are locked together, so of two people deciding the same
/// task at once one succeeds and the other hears plainly that it was already done (409); parallel tasks of one
/// instance are all recorded, one after the other.
/// </summary>
public sealed record CompleteTask(Guid TaskId, string Outcome, string? Comment, JsonObject? FormValues, Actor Actor) : ICommand<InstanceChanged>;

public sealed class CompleteTaskHandler(LsiDbContext db, WorkflowRuntime runtime, TimeProvider time) : ICommandHandler<CompleteTask, InstanceChanged>
{
    public async ValueTask<InstanceChanged> Handle(CompleteTask command, CancellationToken cancellationToken)
    {
        var task = await db.Set<TaskRecord>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == command.TaskId, cancellationToken)
            ?? throw new NotFoundException($"Taak {command.TaskId} bestaat niet.");
        TaskAccess.EnsureMayComplete(task, command.Actor);

        try
        {
            var outcome = await runtime.RunAsync(task.InstanceId,
                (runner, definition, state) => runner.ResumeAsync(definition, state, new TaskCompleted(
                    task.BookmarkId, task.Id, command.Outcome, command.Actor.UserName, command.Actor.Organisation,
                    string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim(), command.FormValues), cancellationToken),
                within: async (tx, _) =>
                {
                    // Under the instance lock: the task row as it is now, not as it was read above. It is closed and its
                    // pending reminders cancelled in one statement.
                    var now = time.GetUtcNow();
                    var formValues = command.FormValues?.ToJsonString();
                    var closed = await tx.Database.ExecuteSqlInterpolatedAsync($"""
                        with deadlines as (
                            update lsi.workflow_timers set status = 'Cancelled'
                            where task_id = {task.Id} and status = 'Pending'
                              and exists (select 1 from lsi.workflow_tasks where id = {task.Id} and status = 'Open'))
                        update lsi.workflow_tasks
                        set status = 'Completed', closed_at = {now}, completed_by = {command.Actor.UserName},
                            completed_by_organisation = {command.Actor.Organisation}, outcome = {command.Outcome},
                            comment = {command.Comment}, form_values = {formValues}::jsonb
                        where id = {task.Id} and status = 'Open'
                        """, cancellationToken);
                    if (closed == 0)
                    {
                        throw await AlreadyClosedAsync(tx, task.Id, cancellationToken);
                    }
                    return true;
                },
                cancellationToken);
            if (outcome.Ignored)
            {
                throw new ConflictException("Taak niet meer open", "Deze taak wacht niet meer op een besluit: de werkstroom is verder gegaan of beëindigd.");
            }
            return new InstanceChanged(outcome.InstanceId, outcome.Status);
        }
        catch (TaskAlreadyCompletedException)
        {
            throw await AlreadyClosedAsync(db, task.Id, cancellationToken);
        }
        catch (InvalidSignalException invalid)
        {
            throw new InvalidRequestException(invalid.Message);
        }
    }

    private static async Task<ConflictException> AlreadyClosedAsync(LsiDbContext context, Guid taskId, CancellationToken ct)
    {
        var closed = await context.Set<TaskRecord>().AsNoTracking().Where(t => t.Id == taskId)
            .Select(t => new { t.Status, t.CompletedBy, t.ClosedAt, t.Outcome }).SingleAsync(ct);
        return closed.Status == TaskStatus.Completed
            ? new ConflictException("Taak al afgerond", $"Deze taak is al afgerond door {closed.CompletedBy} ({closed.Outcome}, {closed.ClosedAt:dd-MM-yyyy HH:mm}). Uw besluit is niet vastgelegd.")
            : new ConflictException("Taak vervallen", "Deze taak is vervallen: de werkstroom heeft haar niet meer nodig.");
    }
}
