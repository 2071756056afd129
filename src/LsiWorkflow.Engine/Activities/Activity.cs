using LsiWorkflow.Engine.Runtime;

namespace LsiWorkflow.Engine.Activities;

/// <summary>
/// Base class of every activity. An instance is made per execution with its definition properties bound,
/// so an activity keeps durable data only through <see cref="ActivityContext"/> (state, output, variables).
/// </summary>
public abstract class Activity
{
    /// <summary>Runs the activity when a token arrives.</summary>
    public abstract ValueTask<ActivityResult> ExecuteAsync(ActivityContext context);

    /// <summary>Continues the activity when one of its bookmarks is resumed. By default it completes with <c>Done</c>.</summary>
    public virtual ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeSignal signal) =>
        ValueTask.FromResult(ActivityResult.Done);

    /// <summary>Checks the definition's literal property values beyond their kinds; report problems on <paramref name="context"/>.</summary>
    public virtual void Validate(ActivityValidationContext context)
    {
    }
}

/// <summary>What an activity execution came to.</summary>
public abstract record ActivityResult
{
    /// <summary>Completed with the default outcome <c>Done</c>.</summary>
    public static ActivityResult Done { get; } = new Completed(["Done"]);

    /// <summary>Completed; a token follows every connection from each outcome (none: the path ends here).</summary>
    public static ActivityResult Complete(params string[] outcomes) => new Completed(outcomes);

    /// <summary>Waits on new bookmarks (none: keeps waiting on the ones still open).</summary>
    public static ActivityResult Wait(params Bookmark[] bookmarks) => new Waiting(bookmarks);

    /// <summary>Failed; the instance becomes faulted with an incident.</summary>
    public static ActivityResult Fault(string message) => new Faulted(message);

    /// <summary>Completed result.</summary>
    public sealed record Completed(IReadOnlyList<string> Outcomes) : ActivityResult;

    /// <summary>Waiting result.</summary>
    public sealed record Waiting(IReadOnlyList<Bookmark> Bookmarks) : ActivityResult;

    /// <summary>Failed result.</summary>
    public sealed record Faulted(string Message) : ActivityResult;
}
