using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Persistence;
using TaskStatus = LsiWorkflow.Runtime.Persistence.TaskStatus;

namespace LsiWorkflow.Host.Features.Tasks;

/// <summary>
/// Who holds a task is part of its instance's history: claims, hand-overs, substitutes and new due dates
/// are journal lines of the instance, next to the engine's own.
/// </summary>
internal static class TaskJournal
{
    public static void Add(LsiDbContext db, TaskRecord task, Actor actor, DateTimeOffset at, string message) =>
        db.Add(new JournalRecord
        {
            InstanceId = task.InstanceId,
            ActivityId = task.ActivityId,
            ActivityType = "HumanTask",
            StartedAt = at,
            EndedAt = at,
            Actor = actor.UserName,
            Message = message,
        });

    public static async Task<TaskRecord> FindOpenAsync(LsiDbContext db, Guid taskId, CancellationToken ct)
    {
        var task = await db.Set<TaskRecord>().FindAsync([taskId], ct)
            ?? throw new NotFoundException($"Taak {taskId} bestaat niet.");
        if (task.Status != TaskStatus.Open)
        {
            throw new ConflictException("Taak niet meer open", task.CompletedBy is { } by
                ? $"Deze taak is al afgerond door {by} ({task.Outcome})."
                : "Deze taak is vervallen: de werkstroom heeft haar niet meer nodig.");
        }
        return task;
    }
}
