using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime;
using Mediator;

namespace LsiWorkflow.Host.Features.Instances;

public sealed record InstanceChanged(Guid InstanceId, string Status);

/// <summary>
/// Starts an instance of the latest (or a given) published version. A caller that names the instance id can
/// repeat the start safely (say, after its connection dropped): a second start with that id does nothing.
/// </summary>
[Allowed(Policies.CanManageInstances)]
public sealed record StartInstance(string DefinitionId, int? Version, JsonObject? Input, string? CorrelationKey, Actor Actor, Guid? InstanceId = null) : ICommand<InstanceChanged>, IActorMessage;

public sealed class StartInstanceHandler(DurableRuntime runtime) : ICommandHandler<StartInstance, InstanceChanged>
{
    public async ValueTask<InstanceChanged> Handle(StartInstance command, CancellationToken cancellationToken)
    {
        // Without an instance id the runner makes a fresh one, so there is no earlier start to look for.
        var outcome = await runtime.StartAsync(command.DefinitionId, command.Version, new StartRequest
        {
            InstanceId = command.InstanceId ?? Guid.Empty,
            Input = command.Input,
            CorrelationKey = command.CorrelationKey ?? ProjectKey(command.Input),
            Actor = command.Actor.UserName,
        }, cancellationToken);
        return new InstanceChanged(outcome.InstanceId, outcome.Status);
    }

    /// <summary>
    /// A workflow about a project or a commitment is found by its id as its correlation key (the inbox filters and
    /// names tasks by it, the commitments register lists its open work), unless the starter chose another key.
    /// </summary>
    private static string? ProjectKey(JsonObject? input) =>
        new[] { input?["projectId"], input?["commitmentId"] }.OfType<JsonValue>()
            .Select(v => Guid.TryParse(v.ToString(), out var id) ? id.ToString() : null)
            .FirstOrDefault(key => key is not null);
}

public sealed record EventRaised(string EventName, string? CorrelationKey, int InstancesResumed);

/// <summary>
/// A domain event (e.g. <c>DpiaCompleted</c>) resumes every instance waiting for it with that correlation key.
/// Raising it twice resumes nothing the second time: the bookmarks are gone.
/// </summary>
[Allowed(Policies.CanManageInstances, System = true)]
public sealed record RaiseEvent(string EventName, string? CorrelationKey, JsonNode? Payload, Actor Actor) : ICommand<EventRaised>, IActorMessage;

public sealed class RaiseEventHandler(DurableRuntime runtime) : ICommandHandler<RaiseEvent, EventRaised>
{
    public async ValueTask<EventRaised> Handle(RaiseEvent command, CancellationToken cancellationToken)
    {
        var resumed = await runtime.RaiseEventAsync(command.EventName, command.CorrelationKey, command.Payload, cancellationToken);
        return new EventRaised(command.EventName, command.CorrelationKey, resumed);
    }
}

/// <summary>Ends an instance with its open tasks and timers; the reason is kept in the journal.</summary>
[Allowed(Policies.CanManageInstances)]
public sealed record CancelInstance(Guid InstanceId, string Reason, Actor Actor) : ICommand<InstanceChanged>, IActorMessage;

public sealed class CancelInstanceHandler(DurableRuntime runtime) : ICommandHandler<CancelInstance, InstanceChanged>
{
    public async ValueTask<InstanceChanged> Handle(CancelInstance command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            throw new InvalidRequestException("Geef een reden op om een werkstroom te annuleren.");
        }
        var outcome = await runtime.CancelAsync(command.InstanceId, command.Reason, command.Actor.UserName, cancellationToken);
        if (outcome.Ignored)
        {
            throw new ConflictException("Niet te annuleren", "Deze werkstroom is al beëindigd.");
        }
        return new InstanceChanged(outcome.InstanceId, outcome.Status);
    }
}

/// <summary>Retries the activity of an incident; the instance continues from there.</summary>
[Allowed(Policies.CanManageInstances)]
public sealed record RetryIncident(Guid InstanceId, Guid IncidentId, Actor Actor) : ICommand<InstanceChanged>, IActorMessage;

public sealed class RetryIncidentHandler(DurableRuntime runtime) : ICommandHandler<RetryIncident, InstanceChanged>
{
    public async ValueTask<InstanceChanged> Handle(RetryIncident command, CancellationToken cancellationToken)
    {
        var outcome = await runtime.RetryIncidentAsync(command.InstanceId, command.IncidentId, command.Actor.UserName, cancellationToken);
        return new InstanceChanged(outcome.InstanceId, outcome.Status);
    }
}
