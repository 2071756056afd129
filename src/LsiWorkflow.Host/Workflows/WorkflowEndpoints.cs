using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using LsiWorkflow.Host.Application;
using LsiWorkflow.Host.Identity;
using LsiWorkflow.Host.Workflows.Definitions;
using LsiWorkflow.Host.Workflows.Instances;
using LsiWorkflow.Host.Workflows.Tasks;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace LsiWorkflow.Host.Workflows;

/// <summary>REST over the workflow use cases; thin: each endpoint sends one message.</summary>
public static class WorkflowEndpoints
{
    public sealed record SaveDraftBody(JsonElement Definition, uint? RowVersion);

    public sealed record StartBody(int? Version, JsonObject? Input, string? CorrelationKey, Guid? InstanceId);

    public sealed record CompleteBody(string Outcome, string? Comment, JsonObject? FormValues);

    public sealed record EventBody(string EventName, string? CorrelationKey, JsonNode? Payload);

    public sealed record CancelBody(string Reason);

    public static IEndpointRouteBuilder MapWorkflowEndpoints(this IEndpointRouteBuilder app)
    {
        var designer = app.MapGroup("/api/workflows").WithTags("Werkstromen").RequireAuthorization(Policies.CanDesignWorkflows);
        designer.MapGet("/activity-types", (IMediator m, CancellationToken ct) => m.Send(new ListActivityDescriptors(), ct))
            .WithSummary("De activiteitsoorten met hun eigenschappen en uitkomsten (voor de ontwerper).");
        designer.MapPost("/validate", async (JsonElement definition, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ValidateDefinition(definition.GetRawText()), ct)))
            .WithSummary("Controleert een werkstroom zonder op te slaan; alle problemen met hun JSON-pad.");
        designer.MapGet("/", (IMediator m, CancellationToken ct) => m.Send(new ListDefinitions(), ct))
            .WithSummary("Alle werkstromen met hun gepubliceerde versie en concept.");
        designer.MapGet("/{definitionId}", (string definitionId, int? version, IMediator m, CancellationToken ct) =>
                m.Send(new GetDefinition(definitionId, version), ct))
            .WithSummary("Eén versie van een werkstroom (zonder versie: het concept, anders de laatst gepubliceerde).");
        designer.MapPut("/drafts", async (SaveDraftBody body, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new SaveDraft(body.Definition.GetRawText(), body.RowVersion, Actor.From(user)), ct)))
            .WithSummary("Slaat een concept op; een bestaand concept alleen met de rowVersion die u las.");
        designer.MapPost("/{definitionId}/publish", async (string definitionId, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new PublishDefinition(definitionId, Actor.From(user)), ct)))
            .WithSummary("Publiceert het concept als nieuwe versie.");
        designer.MapPost("/{definitionId}/versions/{version:int}/retract", async (string definitionId, int version, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new RetractDefinition(definitionId, version, Actor.From(user)), ct)))
            .WithSummary("Trekt een gepubliceerde versie in; lopende instanties maken hun werk af.");

        var instances = app.MapGroup("/api/instances").WithTags("Instanties").RequireAuthorization(Policies.CanManageInstances);
        instances.MapPost("/{definitionId}", async (string definitionId, StartBody? body, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
            {
                var started = await m.Send(new StartInstance(definitionId, body?.Version, body?.Input, body?.CorrelationKey, Actor.From(user), body?.InstanceId), ct);
                return TypedResults.Created($"/api/instances/{started.InstanceId}", started);
            })
            .WithSummary("Start een instantie van de laatst gepubliceerde (of opgegeven) versie; met een eigen instanceId is opnieuw starten onschadelijk.");
        instances.MapGet("/", (string? definitionId, string? status, DateTimeOffset? startedFrom, DateTimeOffset? startedTo, string? waitingOn, int? skip, int? take, IMediator m, CancellationToken ct) =>
                m.Send(new ListInstances(definitionId, status, startedFrom, startedTo, skip ?? 0, take ?? 50, waitingOn), ct))
            .WithSummary("Instanties, nieuwste eerst; waitingOn filtert op de organisatie, rol of gebruiker van een open taak.");
        instances.MapGet("/{instanceId:guid}", (Guid instanceId, IMediator m, CancellationToken ct) => m.Send(new GetInstance(instanceId), ct))
            .WithSummary("Eén instantie: waar zij wacht, variabelen, taken, timers, incidenten en journaal.");
        instances.MapPost("/{instanceId:guid}/cancel", async (Guid instanceId, CancelBody body, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new CancelInstance(instanceId, body.Reason, Actor.From(user)), ct)))
            .WithSummary("Annuleert een instantie met een reden.");
        instances.MapPost("/{instanceId:guid}/incidents/{incidentId:guid}/retry", async (Guid instanceId, Guid incidentId, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new RetryIncident(instanceId, incidentId, Actor.From(user)), ct)))
            .WithSummary("Probeert de activiteit van een incident opnieuw.");

        app.MapPost("/api/events", async (EventBody body, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new RaiseEvent(body.EventName, body.CorrelationKey, body.Payload, Actor.From(user)), ct)))
            .WithTags("Instanties").RequireAuthorization(Policies.CanManageInstances)
            .WithSummary("Meldt een domeingebeurtenis (bijv. DpiaCompleted); wachtende instanties gaan verder.");

        var tasks = app.MapGroup("/api/tasks").WithTags("Taken").RequireAuthorization(Policies.CanCompleteTasksOfOwnOrganisation);
        tasks.MapGet("/", (ClaimsPrincipal user, IMediator m, CancellationToken ct, TaskScope? scope, bool? overdue, bool? dueThisWeek, string? definitionId,
                Persistence.TaskStatus? status, TaskSort? sort, int? take, Guid? projectId) =>
                m.Send(new ListOpenTasks(Actor.From(user), take ?? 200, new TaskFilter(
                    scope ?? TaskScope.Visible, overdue ?? false, dueThisWeek ?? false, definitionId, status ?? Persistence.TaskStatus.Open, sort ?? TaskSort.DueDate, projectId)), ct))
            .WithSummary("Taken voor u, uw rol of uw organisatie (standaard de open), te filteren en te sorteren.");
        tasks.MapGet("/{taskId:guid}", (Guid taskId, ClaimsPrincipal user, IMediator m, CancellationToken ct) => m.Send(new GetTask(taskId, Actor.From(user)), ct))
            .WithSummary("Eén taak.");
        tasks.MapPost("/{taskId:guid}/complete", async (Guid taskId, CompleteBody body, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new CompleteTask(taskId, body.Outcome, body.Comment, body.FormValues, Actor.From(user)), ct)))
            .WithSummary("Rondt een taak af met een uitkomst (en een toelichting waar die verplicht is).");
        return app;
    }
}
