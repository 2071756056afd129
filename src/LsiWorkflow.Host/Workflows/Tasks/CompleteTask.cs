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
        TaskRecord? task = null;
        try
        {
            var outcome = await runtime.RunForTaskAsync(command.TaskId,
                (runner, definition, state) => runner.ResumeAsync(definition, state, new TaskCompleted(
                    task!.BookmarkId, task.Id, command.Outcome, command.Actor.UserName, command.Actor.Organisation,
                    string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim(), command.FormValues), cancellationToken),
                within: async (tx, _) =>
                {
                    // Under the instance lock: the task is closed if it is still open, and the row comes back for
                    // the access check; then its pending reminders are cancelled. A refusal throws, and the
                    // transaction goes back with all of it.
                    var now = time.GetUtcNow();
                    var formValues = command.FormValues?.ToJsonString();
                    var closed = await tx.Set<TaskRecord>().FromSqlInterpolated($"""
                        update lsi.workflow_tasks
                        set status = 'Completed', closed_at = {now}, completed_by = {command.Actor.UserName},
                            completed_by_organisation = {command.Actor.Organisation}, outcome = {command.Outcome},
                            comment = {command.Comment}, form_values = {formValues}::jsonb
                        where id = {command.TaskId} and status = 'Open'
                        returning *
                        """).AsNoTracking().ToListAsync(cancellationToken);
                    if (closed.Count == 0)
                    {
                        throw await AlreadyClosedAsync(tx, command.TaskId, command.Actor, cancellationToken);
                    }
                    task = closed[0];
                    TaskAccess.EnsureMayComplete(task, command.Actor);
                    await WorkflowRuntime.CancelDeadlinesAsync(tx, task.Id, cancellationToken);
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
            throw await AlreadyClosedAsync(db, command.TaskId, command.Actor, cancellationToken);
        }
        catch (InvalidSignalException invalid)
        {
            throw new InvalidRequestException(invalid.Message);
        }
    }

    /// <summary>Why a task cannot be decided any more; someone it was never assigned to hears only that (403).</summary>
    private static async Task<ConflictException> AlreadyClosedAsync(LsiDbContext context, Guid taskId, Actor actor, CancellationToken ct)
    {
        var closed = await context.Set<TaskRecord>().AsNoTracking().SingleAsync(t => t.Id == taskId, ct);
        TaskAccess.EnsureMayComplete(closed, actor);
        return closed.Status == TaskStatus.Completed
            ? new ConflictException("Taak al afgerond", $"Deze taak is al afgerond door {closed.CompletedBy} ({closed.Outcome}, {closed.ClosedAt:dd-MM-yyyy HH:mm}). Uw besluit is niet vastgelegd.")
            : new ConflictException("Taak vervallen", "Deze taak is vervallen: de werkstroom heeft haar niet meer nodig.");
    }
}
