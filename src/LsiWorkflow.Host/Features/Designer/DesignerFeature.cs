using System.Text.Json;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Api;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime;
using Mediator;

namespace LsiWorkflow.Host.Features.Designer;

/// <summary>Designing workflows: definitions, drafts, versions, publishing, and the shipped workflows published at start.</summary>
public static class DesignerFeature
{
    public sealed record SaveDraftBody(JsonElement Definition, uint? RowVersion);

    public static IServiceCollection AddDesigner(this IServiceCollection services) =>
        services.AddScoped<ShippedWorkflows>();

    public static IEndpointRouteBuilder MapDesigner(this IEndpointRouteBuilder app)
    {
        var designer = app.MapGroup("/api/workflows").WithTags("Werkstromen").RequireAuthorization(Policies.CanDesignWorkflows);
        designer.MapGet("/activity-types", (Actor actor, IMediator m, CancellationToken ct) => m.Send(new ListActivityDescriptors(actor), ct))
            .WithSummary("De activiteitsoorten met hun eigenschappen en uitkomsten (voor de ontwerper).");
        designer.MapPost("/validate", async (Actor actor, JsonElement definition, EngineServices engine, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ValidateDefinition(actor, DefinitionValidation.BodyText(definition, engine)), ct)))
            .WithMetadata(BodyCheckedByEndpoint.Instance)
            .WithSummary("Controleert een werkstroom zonder op te slaan; alle problemen met hun JSON-pad.");
        designer.MapGet("/", (Actor actor, IMediator m, CancellationToken ct) => m.Send(new ListDefinitions(actor), ct))
            .WithSummary("Alle werkstromen met hun gepubliceerde versie en concept.");
        designer.MapGet("/{definitionId}", (Actor actor, string definitionId, int? version, IMediator m, CancellationToken ct) =>
                m.Send(new GetDefinition(actor, definitionId, version), ct))
            .WithSummary("Eén versie van een werkstroom (zonder versie: het concept, anders de laatst gepubliceerde).");
        designer.MapPut("/drafts", async (SaveDraftBody body, Actor actor, EngineServices engine, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new SaveDraft(DefinitionValidation.BodyText(body.Definition, engine), body.RowVersion, actor), ct)))
            .WithMetadata(BodyCheckedByEndpoint.Instance)
            .WithSummary("Slaat een concept op; een bestaand concept alleen met de rowVersion die u las.");
        designer.MapPost("/{definitionId}/publish", async (string definitionId, Actor actor, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new PublishDefinition(definitionId, actor), ct)))
            .WithSummary("Publiceert het concept als nieuwe versie.");
        designer.MapPost("/{definitionId}/versions/{version:int}/retract", async (string definitionId, int version, Actor actor, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new RetractDefinition(definitionId, version, actor), ct)))
            .WithSummary("Trekt een gepubliceerde versie in; lopende instanties maken hun werk af.");
        return app;
    }
}
