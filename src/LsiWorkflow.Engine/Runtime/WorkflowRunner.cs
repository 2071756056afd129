using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Expressions;

namespace LsiWorkflow.Engine.Runtime;

/// <summary>
/// Runs instances in bursts. Pure: it reads a state and returns a new state, effects and journal lines, and never
/// performs I/O, so the host can commit all of it in one transaction and dispatch effects after commit.
/// </summary>
public sealed class WorkflowRunner
{
    /// <summary>Creates a runner.</summary>
    /// <param name="registry">Known activity types.</param>
    /// <param name="expressions">Sandboxed expression engine.</param>
    /// <param name="timeProvider">Clock for timestamps, due dates and <c>now</c>.</param>
    /// <param name="services">Optional host services handed to activities.</param>
    public WorkflowRunner(ActivityRegistry registry, ExpressionEngine expressions, TimeProvider timeProvider, IServiceProvider? services = null)
    {
        Registry = registry ?? throw new ArgumentNullException(nameof(registry));
        Expressions = expressions ?? throw new ArgumentNullException(nameof(expressions));
        TimeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        Services = services;
    }

    /// <summary>Activity types.</summary>
    public ActivityRegistry Registry { get; }

    /// <summary>Expression engine.</summary>
    public ExpressionEngine Expressions { get; }

    /// <summary>Clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Host services, if any.</summary>
    public IServiceProvider? Services { get; }

    /// <summary>Executions allowed in one burst before it is stopped as a runaway with an incident.</summary>
    public int MaxExecutionsPerBurst { get; init; } = 10_000;

    /// <summary>Creates an instance and runs its first burst from a start activity.</summary>
    public async ValueTask<BurstResult> StartAsync(WorkflowDefinition definition, StartRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(request);
        var start = FindStart(definition, request.StartActivityId);
        var now = TimeProvider.GetUtcNow();
        var state = new WorkflowState
        {
            InstanceId = request.InstanceId == Guid.Empty ? Guid.NewGuid() : request.InstanceId,
            DefinitionId = definition.Id,
            DefinitionVersion = definition.Version,
            Status = WorkflowStatus.Running,
            Input = (JsonObject?)request.Input?.DeepClone() ?? [],
            Variables = InitialVariables(definition),
            CorrelationKey = request.CorrelationKey,
            ParentInstanceId = request.ParentInstanceId,
            ParentBookmarkId = request.ParentBookmarkId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        state.Pending.Add(new PendingActivation(start.Id));
        var burst = new Burst(this, definition, state, request.Actor, cancellationToken);
        await burst.RunAsync().ConfigureAwait(false);
        return burst.Result();
    }

    /// <summary>
    /// Resumes at a bookmark. A faulted instance can still be resumed on its other paths; it stays faulted until its
    /// incidents are retried. A signal for a bookmark that no longer exists, or for a finished or cancelled instance,
    /// changes nothing and returns the given state with <see cref="BurstResult.Ignored"/> set.
    /// </summary>
    /// <exception cref="TaskAlreadyCompletedException">The task was completed before.</exception>
    public async ValueTask<BurstResult> ResumeAsync(WorkflowDefinition definition, WorkflowState state, ResumeSignal signal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(signal);
        var completion = signal as TaskCompleted;
        if (completion is not null && state.CompletedTaskIds.Contains(completion.TaskId))
        {
            throw new TaskAlreadyCompletedException(completion.TaskId);
        }
        var bookmark = state.Bookmarks.Find(b => b.Id == signal.BookmarkId);
        if (!state.IsActive || bookmark is null || (completion is not null && bookmark.TaskId != completion.TaskId))
        {
            return Ignored(state);
        }

        var copy = state.Clone();
        copy.Status = WorkflowStatus.Running;
        copy.Bookmarks.RemoveAll(b => b.Id == bookmark.Id);
        if (completion is not null)
        {
            copy.CompletedTaskIds.Add(completion.TaskId);
        }
        var burst = new Burst(this, definition, copy, completion?.Actor, cancellationToken);
        await burst.ResumeActivityAsync(bookmark.ActivityId, signal).ConfigureAwait(false);
        await burst.RunAsync().ConfigureAwait(false);
        return burst.Result();
    }

    /// <summary>Cancels the instance: its open tasks and timers get cancel effects. A finished or cancelled instance is left alone.</summary>
    public ValueTask<BurstResult> CancelAsync(WorkflowDefinition definition, WorkflowState state, string? reason = null, string? actor = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled)
        {
            return ValueTask.FromResult(Ignored(state));
        }
        var burst = new Burst(this, definition, state.Clone(), actor, CancellationToken.None);
        var now = TimeProvider.GetUtcNow();
        burst.CancelAll();
        burst.Finish(WorkflowStatus.Cancelled);
        burst.State.UpdatedAt = now;
        burst.AddJournal(null, now, null, string.IsNullOrWhiteSpace(reason) ? "Geannuleerd." : $"Geannuleerd: {reason}");
        return ValueTask.FromResult(burst.Result());
    }

    /// <summary>Resolves an incident and continues at the activity that failed (or with the tokens left by a runaway burst).</summary>
    /// <exception cref="InvalidOperationException">The incident does not exist, is resolved, or the instance is not faulted.</exception>
    public async ValueTask<BurstResult> RetryAsync(WorkflowDefinition definition, WorkflowState state, Guid incidentId, string? actor = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Status != WorkflowStatus.Faulted)
        {
            throw new InvalidOperationException("Alleen een workflow met een storing kan opnieuw worden geprobeerd.");
        }
        var copy = state.Clone();
        var incident = copy.Incidents.Find(i => i.Id == incidentId && !i.Resolved)
            ?? throw new InvalidOperationException($"Open storing {incidentId} bestaat niet.");
        incident.Resolved = true;
        copy.Status = WorkflowStatus.Running;
        var burst = new Burst(this, definition, copy, actor, cancellationToken);
        if (incident is { Signal: { } signal, ActivityId: { } activityId })
        {
            await burst.ResumeActivityAsync(activityId, signal).ConfigureAwait(false);
        }
        else if (incident.Activation is { } activation)
        {
            copy.Pending.Insert(0, activation);
        }
        copy.Pending.AddRange(incident.Parked ?? []);
        await burst.RunAsync().ConfigureAwait(false);
        return burst.Result();
    }

    private static BurstResult Ignored(WorkflowState state) => new(state, [], [], Ignored: true);

    private ActivityDefinition FindStart(WorkflowDefinition definition, string? startActivityId)
    {
        if (startActivityId is not null)
        {
            var chosen = definition.FindActivity(startActivityId)
                ?? throw new ArgumentException($"Startactiviteit '{startActivityId}' bestaat niet.", nameof(startActivityId));
            if (Registry.Find(chosen.Type) is not { IsStart: true })
            {
                throw new ArgumentException($"Activiteit '{startActivityId}' is geen startactiviteit.", nameof(startActivityId));
            }
            return chosen;
        }
        return definition.Activities.FirstOrDefault(a => a.Type == "Start")
            ?? definition.Activities.FirstOrDefault(a => Registry.Find(a.Type) is { IsStart: true })
            ?? throw new ArgumentException($"Definitie '{definition.Id}' heeft geen startactiviteit.", nameof(definition));
    }

    private static JsonObject InitialVariables(WorkflowDefinition definition)
    {
        var variables = new JsonObject();
        foreach (var variable in definition.Variables)
        {
            variables[variable.Name] = variable.Default?.DeepClone();
        }
        return variables;
    }
}
