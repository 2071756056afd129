using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Expressions;

namespace LsiWorkflow.Engine.Runtime;

/// <summary>One run of an instance until every path waits or ends. Works on a private copy of the state.</summary>
internal sealed class Burst
{
    private readonly WorkflowRunner _runner;

    public Burst(WorkflowRunner runner, WorkflowDefinition definition, WorkflowState state, string? actor, CancellationToken cancellationToken)
    {
        _runner = runner;
        Definition = definition;
        Graph = DefinitionGraph.For(definition);
        State = state;
        Actor = actor;
        CancellationToken = cancellationToken;
    }

    public WorkflowDefinition Definition { get; }
    public DefinitionGraph Graph { get; }
    public WorkflowState State { get; }
    public string? Actor { get; }
    public CancellationToken CancellationToken { get; }
    public List<WorkflowEffect> Effects { get; } = [];
    public List<JournalEntry> Journal { get; } = [];
    public bool EndRequested { get; set; }
    public DateTimeOffset Now => _runner.TimeProvider.GetUtcNow();
    public IServiceProvider? Services => _runner.Services;
    public ExpressionEngine Expressions => _runner.Expressions;

    /// <summary>Set when this burst raised an incident or ended the instance; no further token runs.</summary>
    private bool _halted;

    public BurstResult Result() => new(State, Effects, Journal);

    public ExpressionScope Scope() => new()
    {
        Variables = State.Variables,
        Input = State.Input,
        Activities = State.ActivityOutputs,
        InstanceId = State.InstanceId,
        DefinitionId = State.DefinitionId,
        DefinitionVersion = State.DefinitionVersion,
        Now = Now,
    };

    /// <summary>Runs queued tokens until none is left, then settles the status.</summary>
    public async ValueTask RunAsync()
    {
        var executions = 0;
        while (!_halted && State.Pending.Count > 0)
        {
            CancellationToken.ThrowIfCancellationRequested();
            if (++executions > _runner.MaxExecutionsPerBurst)
            {
                // The remaining tokens are parked on the incident, so a later resume elsewhere cannot restart the runaway.
                var parked = State.Pending.ToList();
                State.Pending.Clear();
                RaiseIncident(null, null, $"Meer dan {_runner.MaxExecutionsPerBurst} stappen zonder te wachten; de workflow loopt vermoedelijk rond.", null, null, parked: parked);
                break;
            }
            var activation = State.Pending[0];
            State.Pending.RemoveAt(0);
            await ExecuteAsync(activation).ConfigureAwait(false);
        }
        Settle();
    }

    private ValueTask ExecuteAsync(PendingActivation activation) => RunActivityAsync(activation.ActivityId, activation, null);

    /// <summary>Lets an activity continue after one of its bookmarks was resumed (or on retry of a failed resume).</summary>
    public ValueTask ResumeActivityAsync(string activityId, ResumeSignal signal) => RunActivityAsync(activityId, null, signal);

    private async ValueTask RunActivityAsync(string activityId, PendingActivation? activation, ResumeSignal? signal)
    {
        var started = Now;
        if (!TryFind(activityId, out var definition, out var descriptor, out var error))
        {
            RaiseIncident(activityId, null, error, activation, signal);
            return;
        }
        if (signal is null)
        {
            // One activation per activity at a time: a new token supersedes an older wait of the same activity.
            foreach (var stale in State.Bookmarks.Where(b => b.ActivityId == definition.Id).ToList())
            {
                CancelBookmark(stale.Id);
            }
        }

        var context = new ActivityContext(this, definition, descriptor, activation);
        ActivityResult result;
        try
        {
            var activity = _runner.Registry.Create(definition, Expressions, Scope());
            result = signal is null
                ? await activity.ExecuteAsync(context).ConfigureAwait(false)
                : await activity.ResumeAsync(context, signal).ConfigureAwait(false);
        }
        catch (Exception ex) when (!IsBurstCancellation(ex) && ex is not InvalidSignalException)
        {
            // Any failure of an activity, its bindings or its expressions becomes an incident, never a crash.
            result = ActivityResult.Fault(ex.Message);
        }
        Apply(context, result, started, activation, signal);
    }

    private bool IsBurstCancellation(Exception ex) => ex is OperationCanceledException && CancellationToken.IsCancellationRequested;

    private bool TryFind(string activityId, out ActivityDefinition definition, out ActivityDescriptor descriptor, out string error)
    {
        definition = Definition.FindActivity(activityId)!;
        descriptor = null!;
        if (definition is null)
        {
            error = $"Activiteit '{activityId}' bestaat niet in versie {Definition.Version} van '{Definition.Id}'.";
            return false;
        }
        descriptor = _runner.Registry.Find(definition.Type)!;
        if (descriptor is null)
        {
            error = $"Onbekend activiteitstype '{definition.Type}'.";
            return false;
        }
        error = "";
        return true;
    }

    private void Apply(ActivityContext context, ActivityResult result, DateTimeOffset started, PendingActivation? activation, ResumeSignal? signal)
    {
        var definition = context.Activity;
        switch (result)
        {
            case ActivityResult.Completed completed:
                // Whatever the activity still waited on (other tasks after a veto, say) is no longer wanted.
                foreach (var open in context.OpenBookmarks)
                {
                    CancelBookmark(open.Id);
                }
                foreach (var outcome in completed.Outcomes)
                {
                    foreach (var connection in Graph.Outgoing(definition.Id, outcome))
                    {
                        State.Pending.Add(new PendingActivation(connection.Target, definition.Id, outcome));
                    }
                }
                AddJournal(definition, started, completed.Outcomes.Count == 0 ? null : string.Join(", ", completed.Outcomes), context.JournalMessage);
                if (EndRequested)
                {
                    End();
                }
                break;
            case ActivityResult.Waiting waiting:
                State.Bookmarks.AddRange(waiting.Bookmarks);
                AddJournal(definition, started, null, context.JournalMessage ?? "Wacht.");
                break;
            case ActivityResult.Faulted faulted:
                RaiseIncident(definition.Id, definition.Type, faulted.Message, activation, signal, started);
                break;
            default:
                throw new InvalidOperationException($"Unknown activity result {result.GetType().Name}.");
        }
    }

    public void CancelBookmark(Guid bookmarkId)
    {
        var index = State.Bookmarks.FindIndex(b => b.Id == bookmarkId);
        if (index < 0)
        {
            return;
        }
        var bookmark = State.Bookmarks[index];
        State.Bookmarks.RemoveAt(index);
        switch (bookmark.Kind)
        {
            case BookmarkKind.Task when bookmark.TaskId is { } taskId:
                Effects.Add(new TaskCancelled(taskId));
                break;
            case BookmarkKind.Timer:
                Effects.Add(new TimerCancelled(bookmark.Id));
                break;
            default:
                break;
        }
    }

    /// <summary>Cancels the waits of the activities before <paramref name="activityId"/> (not its own) and drops their tokens and its own.</summary>
    public void CancelUpstream(string activityId)
    {
        foreach (var bookmark in State.Bookmarks.Where(b => b.ActivityId != activityId && Graph.LeadsTo(b.ActivityId, activityId)).ToList())
        {
            CancelBookmark(bookmark.Id);
        }
        State.Pending.RemoveAll(p => p.ActivityId == activityId || Graph.LeadsTo(p.ActivityId, activityId));
    }

    public void CancelAll()
    {
        foreach (var bookmark in State.Bookmarks.ToList())
        {
            CancelBookmark(bookmark.Id);
        }
        State.Pending.Clear();
    }

    private void End()
    {
        CancelAll();
        Finish(WorkflowStatus.Finished);
    }

    public void Finish(WorkflowStatus status)
    {
        _halted = true;
        State.Status = status;
        State.FinishedAt = Now;
        if (State is { ParentInstanceId: { } parent, ParentBookmarkId: { } parentBookmark })
        {
            Effects.Add(new WorkflowFinishedEffect(State.InstanceId, parent, parentBookmark, status, (JsonObject)State.Variables.DeepClone()));
        }
    }

    private void Settle()
    {
        State.UpdatedAt = Now;
        if (State.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled)
        {
            return;
        }
        if (State.Incidents.Any(i => !i.Resolved))
        {
            // Other paths may have moved on in this burst, but the instance stays faulted until every incident is retried.
            State.Status = WorkflowStatus.Faulted;
        }
        else if (State.Bookmarks.Count == 0 && State.Pending.Count == 0)
        {
            Finish(WorkflowStatus.Finished);
        }
        else
        {
            State.Status = WorkflowStatus.Waiting;
        }
    }

    private void RaiseIncident(string? activityId, string? activityType, string message, PendingActivation? activation, ResumeSignal? signal, DateTimeOffset? started = null, List<PendingActivation>? parked = null)
    {
        _halted = true;
        var incident = new Incident
        {
            Id = Guid.NewGuid(),
            ActivityId = activityId,
            Message = message,
            At = Now,
            Activation = activation,
            Signal = signal,
            Parked = parked,
        };
        State.Incidents.Add(incident);
        State.Status = WorkflowStatus.Faulted;
        Effects.Add(new IncidentRaised(incident.Id, activityId, message));
        Journal.Add(new JournalEntry(State.InstanceId, activityId, activityType, started ?? incident.At, incident.At, null, Actor, $"Fout: {message}"));
    }

    public void AddJournal(ActivityDefinition? activity, DateTimeOffset started, string? outcome, string? message) =>
        Journal.Add(new JournalEntry(State.InstanceId, activity?.Id, activity?.Type, started, Now, outcome, Actor, message));
}
