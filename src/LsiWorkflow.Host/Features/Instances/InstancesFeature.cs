using System.Text.Json.Nodes;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.Instances;

/// <summary>Running workflows: starting, following, cancelling and retrying instances, and raising domain events.</summary>
public static class InstancesFeature
{
    public sealed record StartBody(int? Version, JsonObject? Input, string? CorrelationKey, Guid? InstanceId);

    public sealed record EventBody(string EventName, string? CorrelationKey, JsonNode? Payload);

    public sealed record CancelBody(string Reason);

    public static IEndpointRouteBuilder MapInstances(this IEndpointRouteBuilder app)
    {
        var instances = app.MapGroup("/api/instances").WithTags("Instanties").RequireAuthorization(Policies.CanManageInstances);
        instances.MapPost("/{definitionId}", async (string definitionId, StartBody? body, Actor actor, IMediator m, CancellationToken ct) =>
            {
                var started = await m.Send(new StartInstance(definitionId, body?.Version, body?.Input, body?.CorrelationKey, actor, body?.InstanceId), ct);
                return TypedResults.Created($"/api/instances/{started.InstanceId}", started);
            })
            .WithSummary("Start een instantie van de laatst gepubliceerde (of opgegeven) versie; met een eigen instanceId is opnieuw starten onschadelijk.");
        instances.MapGet("/", (Actor actor, string? definitionId, string? status, DateTimeOffset? startedFrom, DateTimeOffset? startedTo, string? waitingOn, int? skip, int? take, IMediator m, CancellationToken ct) =>
                m.Send(new ListInstances(actor, definitionId, status, startedFrom, startedTo, skip ?? 0, take ?? 50, waitingOn), ct))
            .WithSummary("Instanties, nieuwste eerst; waitingOn filtert op de organisatie, rol of gebruiker van een open taak.");
        instances.MapGet("/{instanceId:guid}", (Actor actor, Guid instanceId, IMediator m, CancellationToken ct) => m.Send(new GetInstance(actor, instanceId), ct))
            .WithSummary("Eén instantie: waar zij wacht, variabelen, taken, timers, incidenten en journaal.");
        instances.MapPost("/{instanceId:guid}/cancel", async (Guid instanceId, CancelBody body, Actor actor, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new CancelInstance(instanceId, body.Reason, actor), ct)))
            .WithSummary("Annuleert een instantie met een reden.");
        instances.MapPost("/{instanceId:guid}/incidents/{incidentId:guid}/retry", async (Guid instanceId, Guid incidentId, Actor actor, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new RetryIncident(instanceId, incidentId, actor), ct)))
            .WithSummary("Probeert de activiteit van een incident opnieuw.");

        app.MapPost("/api/events", async (EventBody body, Actor actor, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new RaiseEvent(body.EventName, body.CorrelationKey, body.Payload, actor), ct)))
            .WithTags("Instanties").RequireAuthorization(Policies.CanManageInstances)
            .WithSummary("Meldt een domeingebeurtenis (bijv. DpiaCompleted); wachtende instanties gaan verder.");
        return app;
    }
}
