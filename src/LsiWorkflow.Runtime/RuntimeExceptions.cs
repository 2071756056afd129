namespace LsiWorkflow.Runtime;

/// <summary>An instance, task or published definition the caller named does not exist; the host answers 404.</summary>
public sealed class WorkflowNotFoundException(string message) : Exception(message);

/// <summary>
/// The task cannot be decided: it was decided or cancelled before, or its instance no longer waits for it. The caller
/// reads the task to say which; nothing of the attempt was stored.
/// </summary>
public sealed class TaskNotOpenException(Guid taskId) : Exception($"Taak {taskId} is niet meer open.")
{
    public Guid TaskId { get; } = taskId;
}
