using System.Security.Claims;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LsiWorkflow.Host.Features.Publications;

public static class PublicationsFeature
{
    public sealed record PublishRequest(string Title, string Kind, string? Summary, string? Reference);

    public sealed record WithdrawRequest(string Reason);

    public sealed record Published(Guid Id);

    public static IEndpointRouteBuilder MapPublications(this IEndpointRouteBuilder app)
    {
        var publications = app.MapGroup("/api/publications").WithTags("Publicaties");

        publications.MapGet("/", async (Actor actor, string? kind, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListPublications(actor, kind), ct)))
            .AllowAnonymous()
            .WithSummary("Openbaar: gepubliceerde documenten, nieuwste eerst, ingetrokken documenten met datum en reden.");

        publications.MapPost("/", async Task<Created<Published>> (PublishRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var id = await sender.Send(new PublishDocument(body.Title, body.Kind, body.Summary, body.Reference, Actor.From(user)), ct);
                return TypedResults.Created($"/api/publications/{id}", new Published(id));
            })
            .RequireAuthorization(Policies.CanManageDomain)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Publiceert een document (convenant, DPIA, evaluatierapport, Kamerbrief).");

        publications.MapPost("/{id:guid}/withdraw", async (Guid id, WithdrawRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new WithdrawDocument(id, body.Reason, Actor.From(user)), ct)))
            .RequireAuthorization(Policies.CanManageDomain)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Trekt een publicatie in; zij blijft zichtbaar met de datum en de reden.");

        return app;
    }
}
