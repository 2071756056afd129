using System.Security.Claims;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Api;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LsiWorkflow.Host.Features.Dpias;

public static class DpiasFeature
{
    public static IServiceCollection AddDpias(this IServiceCollection services) =>
        services.AddScoped<DpiaChanges>();

    public sealed record CreateDpiaRequest(DpiaKind Kind, string Title, Guid? ProjectId, string? Reason);

    public static IEndpointRouteBuilder MapDpias(this IEndpointRouteBuilder app)
    {
        var dpias = app.MapRegisterGroup("/api/dpias", "DPIA's");

        dpias.MapGet("/", async (Actor actor, DpiaKind? kind, Guid? projectId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListDpias(actor, kind, projectId), ct)))
            .WithSummary("Het DPIA-register: gezamenlijke en format-DPIA's met status, goedkeuringen en verzending naar de Kamer.");

        dpias.MapGet("/{id:guid}", async (Actor actor, Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetDpia(actor, id), ct)))
            .WithSummary("Eén DPIA met status, goedkeuringen per organisatie en verzending naar de Kamer.");

        dpias.MapPost("/", async Task<Created<DpiaView>> (CreateDpiaRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var dpia = await sender.Send(new CreateDpia(Actor.From(user), body.Kind, body.Title, body.ProjectId, body.Reason), ct);
                return TypedResults.Created($"/api/dpias/{dpia.Id}", dpia);
            })
            .RequireAuthorization(Policies.CanManageDomain)
            .WithSummary("Maakt een gezamenlijke DPIA of de format-DPIA van een project aan.");

        dpias.MapPost("/{id:guid}/submit", async (Guid id, ReasonRequest? body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SubmitDpiaForReview(Actor.From(user), id, body?.Reason), ct)))
            .RequireAuthorization(Policies.CanManageDomain)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Biedt een concept-DPIA ter beoordeling aan.");

        dpias.MapPost("/{id:guid}/approve", async (Guid id, ReasonRequest? body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ApproveDpia(Actor.From(user), id, body?.Reason), ct)))
            .RequireAuthorization(Policies.CanCompleteTasksOfOwnOrganisation)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Keurt de DPIA goed namens de eigen organisatie.");

        dpias.MapPost("/{id:guid}/adopt", async (Guid id, ReasonRequest? body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new AdoptDpia(Actor.From(user), id, body?.Reason), ct)))
            .RequireAuthorization(Policies.CanManageDomain)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Stelt een goedgekeurde DPIA vast; daarna mogen de projecten die erop wachten starten.");

        dpias.MapPost("/{id:guid}/send-to-parliament", async (Guid id, ReasonRequest? body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SendDpiaToParliament(Actor.From(user), id, body?.Reason), ct)))
            .RequireAuthorization(Policies.CanManageDomain)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Legt vast dat de vastgestelde DPIA naar de Tweede Kamer is gestuurd.");

        return app;
    }
}
