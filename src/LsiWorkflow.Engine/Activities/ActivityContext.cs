using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Expressions;
using LsiWorkflow.Engine.Runtime;

namespace LsiWorkflow.Engine.Activities;

/// <summary>
/// What an executing activity can see and do. Everything it changes lands in the burst's state and effects;
/// an activity never performs I/O itself (the host dispatches effects after commit).
/// </summary>
public sealed class ActivityContext
{
    private readonly Burst _burst;
    private readonly PendingActivation? _arrival;

    internal ActivityContext(Burst burst, ActivityDefinition activity, ActivityDescriptor descriptor, PendingActivation? arrival)
    {
        _burst = burst;
        _arrival = arrival;
        Activity = activity;
        Descriptor = descriptor;
    }

    /// <summary>The activity's definition.</summary>
    public ActivityDefinition Activity { get; }

    /// <summary>The activity's descriptor.</summary>
    public ActivityDescriptor Descriptor { get; }

    /// <summary>The activity id.</summary>
    public string ActivityId => Activity.Id;

    /// <summary>The definition being run.</summary>
    public WorkflowDefinition Workflow => _burst.Definition;

    /// <summary>The instance id.</summary>
    public Guid InstanceId => _burst.State.InstanceId;

    /// <summary>The instance's correlation key, if any.</summary>
    public string? CorrelationKey => _burst.State.CorrelationKey;

    /// <summary>The connection the token came over; null at a start and when resuming.</summary>
    public ConnectionDefinition? ArrivedFrom =>
        _arrival?.Source is null ? null : _burst.Graph.FindConnection(_arrival.Source, _arrival.Outcome, ActivityId);

    /// <summary>Every connection into this activity.</summary>
    public IReadOnlyList<ConnectionDefinition> InboundConnections => _burst.Graph.Inbound(ActivityId);

    /// <summary>The current time from the runner's clock.</summary>
    public DateTimeOffset Now => _burst.Now;

    /// <summary>Who caused this burst, when known.</summary>
    public string? Actor => _burst.Actor;

    /// <summary>Host services, for host-specific activities; null when the host passed none.</summary>
    public IServiceProvider? Services => _burst.Services;

    /// <summary>Cancellation of the burst.</summary>
    public CancellationToken CancellationToken => _burst.CancellationToken;

    /// <summary>The instance's variables (changes are kept).</summary>
    public JsonObject Variables => _burst.State.Variables;

    /// <summary>The start input.</summary>
    public JsonObject Input => _burst.State.Input;

    /// <summary>Internal state of this activity kept between executions and resumes.</summary>
    public JsonObject? ActivityState
    {
        get => _burst.State.ActivityStates[ActivityId] as JsonObject;
        set => _burst.State.ActivityStates[ActivityId] = Detach(value);
    }

    /// <summary>Output of this activity, visible to expressions as <c>activities.&lt;id&gt;</c>.</summary>
    public JsonNode? Output
    {
        get => _burst.State.ActivityOutputs[ActivityId];
        set => _burst.State.ActivityOutputs[ActivityId] = Detach(value);
    }

    /// <summary>Remark for this execution's journal line.</summary>
    public string? JournalMessage { get; set; }

    /// <summary>Bookmarks of this activity that are still open.</summary>
    public IReadOnlyList<Bookmark> OpenBookmarks => [.. _burst.State.Bookmarks.Where(b => b.ActivityId == ActivityId)];

    /// <summary>The data expressions can see right now.</summary>
    public ExpressionScope Scope => _burst.Scope();

    /// <summary>Evaluates an expression.</summary>
    public JsonNode? Evaluate(string expression) => _burst.Expressions.Evaluate(expression, Scope);

    /// <summary>Evaluates a condition.</summary>
    public bool EvaluateCondition(string expression) => _burst.Expressions.EvaluateCondition(expression, Scope);

    /// <summary>Renders a template.</summary>
    public string Render(string template) => _burst.Expressions.Render(template, Scope);

    /// <summary>Makes a bookmark for this activity with a new id; return it in <see cref="ActivityResult.Wait"/>.</summary>
    public Bookmark CreateBookmark(BookmarkKind kind, string? eventName = null, string? correlationKey = null, DateTimeOffset? dueAt = null, JsonObject? data = null) =>
        new()
        {
            Id = Guid.NewGuid(),
            ActivityId = ActivityId,
            Kind = kind,
            EventName = eventName,
            CorrelationKey = correlationKey,
            DueAt = dueAt,
            Data = data,
        };

    /// <summary>Adds an effect for the host to dispatch after commit.</summary>
    public void Emit(WorkflowEffect effect)
    {
        ArgumentNullException.ThrowIfNull(effect);
        _burst.Effects.Add(effect);
    }

    /// <summary>Closes an open bookmark of this instance, emitting the matching cancel effect.</summary>
    public void CancelBookmark(Guid bookmarkId) => _burst.CancelBookmark(bookmarkId);

    /// <summary>
    /// Cancels the open waits of every activity from which this activity is reachable without passing through it,
    /// and drops tokens still queued for them or for this activity (the rest of a wait-any round).
    /// </summary>
    public void CancelInboundBranches() => _burst.CancelUpstream(ActivityId);

    /// <summary>Ends the whole instance once this activity completes, cancelling every remaining wait.</summary>
    public void EndInstance() => _burst.EndRequested = true;

    private static JsonNode? Detach(JsonNode? node) => node?.Parent is null ? node : node.DeepClone();
}
