using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Host.Features.Instances;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskStatus = LsiWorkflow.Runtime.Persistence.TaskStatus;

namespace LsiWorkflow.Host.Features.Tasks;

/// <summary>
/// A person decides a task. The task and its instance are locked together, so of two people deciding the same
/// task at once one succeeds and the other hears plainly that it was already done (409); parallel tasks of one
/// instance are all recorded, one after the other.
/// </summary>
[Allowed(Policies.CanCompleteTasksOfOwnOrganisation)]
public sealed record DecideTask(Guid TaskId, string Outcome, string? Comment, JsonObject? FormValues, Actor Actor) : ICommand<InstanceChanged>, IActorMessage;

public sealed class DecideTaskHandler(LsiDbContext db, DurableRuntime runtime) : ICommandHandler<DecideTask, InstanceChanged>
{
    public async ValueTask<InstanceChanged> Handle(DecideTask command, CancellationToken cancellationToken)
    {
        var actor = command.Actor;
        var comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim();
        try
        {
            var outcome = await runtime.DecideTaskAsync(new TaskDecision(command.TaskId, command.Outcome, comment, command.FormValues,
                new TaskDecider(actor.UserName, actor.Organisation, actor.Roles)), cancellationToken);
            return new InstanceChanged(outcome.InstanceId, outcome.Status);
        }
        catch (TaskNotOpenException)
        {
            throw await WhyNotOpenAsync(command.TaskId, actor, cancellationToken);
        }
        catch (InvalidSignalException invalid)
        {
            throw new InvalidRequestException(invalid.Message);
        }
    }

    /// <summary>Why a task cannot be decided any more; someone it was never assigned to hears only that (403).</summary>
    private async Task<UseCaseException> WhyNotOpenAsync(Guid taskId, Actor actor, CancellationToken ct)
    {
        var task = await db.Set<TaskRecord>().AsNoTracking().SingleAsync(t => t.Id == taskId, ct);
        TaskAccess.EnsureMayComplete(task, actor);
        return task.Status switch
        {
            TaskStatus.Completed => new ConflictException("Taak al afgerond",
                $"Deze taak is al afgerond door {task.CompletedBy} ({task.Outcome}, {task.ClosedAt:dd-MM-yyyy HH:mm}). Uw besluit is niet vastgelegd."),
            TaskStatus.Cancelled => new ConflictException("Taak vervallen", "Deze taak is vervallen: de werkstroom heeft haar niet meer nodig."),
            _ => new ConflictException("Taak niet meer open", "Deze taak wacht niet meer op een besluit: de werkstroom is verder gegaan of beëindigd."),
        };
    }
}

/// <summary>The runtime asks the tasks' access rule under the instance lock, after closing the task.</summary>
internal sealed class TaskDecisionRules : ITaskDecisionRules
{
    public void EnsureMayDecide(TaskRecord task, TaskDecider decider) =>
        TaskAccess.EnsureMayComplete(task, new Actor(decider.UserName, decider.Organisation, decider.Roles));
}
