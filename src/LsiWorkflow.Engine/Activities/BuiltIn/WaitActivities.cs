using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Runtime;

namespace LsiWorkflow.Engine.Activities;

/// <summary>Waits for a duration or until a moment.</summary>
[Activity("Delay", Category = "Wachten", DisplayName = "Wachttijd", Description = "Wacht een periode of tot een datum.", MayWait = true)]
[Outcomes("Done")]
public sealed class Delay : Activity
{
    /// <summary>ISO-8601 duration.</summary>
    [ActivityProperty(Kind = PropertyKind.Duration, DisplayName = "Duur", Description = "Hoe lang te wachten, bijvoorbeeld P14D.")]
    public string? Duration { get; set; }

    /// <summary>Date or date-time to wait until.</summary>
    [ActivityProperty(Kind = PropertyKind.DateTime, DisplayName = "Tot", Description = "Moment tot wanneer gewacht wordt.")]
    public string? Until { get; set; }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        DateTimeOffset dueAt;
        if (!string.IsNullOrWhiteSpace(Duration))
        {
            dueAt = IsoDuration.Parse(Duration).AddTo(context.Now);
        }
        else if (JsonTypes.TryParseMoment(Until, out var until))
        {
            dueAt = until;
        }
        else
        {
            return ValueTask.FromResult(ActivityResult.Fault("Wachttijd zonder geldige 'duration' of 'until'."));
        }
        if (dueAt <= context.Now)
        {
            return ValueTask.FromResult(ActivityResult.Done);
        }
        var bookmark = context.CreateBookmark(BookmarkKind.Timer, dueAt: dueAt);
        context.Emit(new TimerRequested(bookmark.Id, dueAt));
        context.JournalMessage = $"Wacht tot {dueAt:O}.";
        return ValueTask.FromResult(ActivityResult.Wait(bookmark));
    }

    /// <inheritdoc />
    public override void Validate(ActivityValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Has("duration") == context.Has("until"))
        {
            context.Report(ValidationCodes.MissingRequiredProperty, "duration", "Geef precies één van 'duration' of 'until'.");
        }
    }
}

/// <summary>Waits for a named domain event with a correlation key, e.g. DpiaCompleted for one project.</summary>
[Activity("WaitForEvent", Category = "Wachten", DisplayName = "Wacht op gebeurtenis", Description = "Wacht op een gebeurtenis, zoals DpiaCompleted, met een correlatiesleutel.", MayWait = true)]
[Outcomes("Done")]
public sealed class WaitForEvent : Activity
{
    /// <summary>Event name.</summary>
    [ActivityProperty(Kind = PropertyKind.Text, Required = true, SupportsExpression = false, DisplayName = "Gebeurtenis", Description = "Naam van de gebeurtenis, bijvoorbeeld DpiaCompleted.")]
    public string? EventName { get; set; }

    /// <summary>Expression giving the correlation key.</summary>
    [ActivityProperty(Kind = PropertyKind.Expression, SupportsExpression = false, DisplayName = "Correlatiesleutel", Description = "Expressie die de sleutel oplevert, bijvoorbeeld input.projectId.")]
    public string? CorrelationKey { get; set; }

    /// <summary>Variable that receives the payload.</summary>
    [ActivityProperty(Kind = PropertyKind.Variable, SupportsExpression = false, DisplayName = "Bewaar in variabele", Description = "Variabele waarin de gegevens van de gebeurtenis komen.")]
    public string? Variable { get; set; }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? key = null;
        if (!string.IsNullOrWhiteSpace(CorrelationKey))
        {
            var value = context.Evaluate(CorrelationKey);
            key = value is JsonValue v && v.TryGetValue(out string? text) ? text : value?.ToJsonString();
        }
        var bookmark = context.CreateBookmark(BookmarkKind.Event, eventName: EventName, correlationKey: key);
        context.JournalMessage = $"Wacht op {EventName}{(key is null ? "" : $" ({key})")}.";
        return ValueTask.FromResult(ActivityResult.Wait(bookmark));
    }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeSignal signal)
    {
        ArgumentNullException.ThrowIfNull(context);
        var payload = (signal as EventReceived)?.Payload?.DeepClone();
        if (!string.IsNullOrWhiteSpace(Variable))
        {
            context.Variables[Variable] = payload?.DeepClone();
        }
        context.Output = new JsonObject { ["payload"] = payload };
        return ValueTask.FromResult(ActivityResult.Done);
    }
}

/// <summary>Starts another workflow as a child, optionally waiting for it to end.</summary>
[Activity("StartWorkflow", Category = "Wachten", DisplayName = "Start workflow", Description = "Start een andere workflow en wacht desgewenst tot die klaar is.", MayWaitProperty = "waitForCompletion")]
[Outcomes("Done")]
public sealed class StartWorkflow : Activity
{
    /// <summary>Definition id of the child.</summary>
    [ActivityProperty(Kind = PropertyKind.WorkflowId, Required = true, SupportsExpression = false, DisplayName = "Workflow", Description = "Id van de te starten workflow.")]
    public string? WorkflowId { get; set; }

    /// <summary>Input for the child's Start.</summary>
    [ActivityProperty(Kind = PropertyKind.Object, DisplayName = "Invoer", Description = "Invoer voor de nieuwe workflow.")]
    public JsonObject? Input { get; set; }

    /// <summary>Whether to wait until the child ends.</summary>
    [ActivityProperty(Kind = PropertyKind.Boolean, Default = false, SupportsExpression = false, DisplayName = "Wacht op afronding", Description = "Ga pas verder als de gestarte workflow klaar is.")]
    public bool WaitForCompletion { get; set; }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var childId = Guid.NewGuid();
        var input = Input ?? [];
        context.Output = new JsonObject { ["childInstanceId"] = childId };
        if (!WaitForCompletion)
        {
            context.Emit(new ChildWorkflowRequested(childId, WorkflowId!, input, context.InstanceId, null));
            return ValueTask.FromResult(ActivityResult.Done);
        }
        var bookmark = context.CreateBookmark(BookmarkKind.Child, data: new JsonObject { ["childInstanceId"] = childId });
        context.Emit(new ChildWorkflowRequested(childId, WorkflowId!, input, context.InstanceId, bookmark.Id));
        context.JournalMessage = $"Wacht op workflow {WorkflowId} ({childId}).";
        return ValueTask.FromResult(ActivityResult.Wait(bookmark));
    }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeSignal signal)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (signal is ChildFinished finished)
        {
            context.Output = new JsonObject
            {
                ["childInstanceId"] = finished.ChildInstanceId,
                ["output"] = finished.Output?.DeepClone(),
            };
        }
        return ValueTask.FromResult(ActivityResult.Done);
    }
}
