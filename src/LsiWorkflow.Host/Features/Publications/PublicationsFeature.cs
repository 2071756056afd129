using System.Security.Claims;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LsiWorkflow.Host.Features.Publications;

public static class PublicationsFeature
{
    public sealed record PublishRequest(string Title, string Kind, string? Summary, string? Reference, string? InformationCategory = null, DocumentUpload? File = null);

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
                var id = await sender.Send(new PublishDocument(body.Title, body.Kind, body.Summary, body.Reference, Actor.From(user), null, body.InformationCategory, body.File), ct);
                return TypedResults.Created($"/api/publications/{id}", new Published(id));
            })
            .RequireAuthorization(Policies.CanManageDomain)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Publiceert een document (convenant, DPIA, evaluatierapport, Kamerbrief), met het bestand zelf (PDF, ODT of DOCX, base64, hoogstens 10 MB) en de Woo-informatiecategorie.");

        publications.MapGet("/{id:guid}/document", async (Actor actor, Guid id, ISender sender, CancellationToken ct) =>
            {
                var document = await sender.Send(new GetPublicationDocument(actor, id), ct);
                return TypedResults.File(document.Content, document.ContentType, document.FileName);
            })
            .AllowAnonymous()
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf", "application/vnd.oasis.opendocument.text",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Openbaar: het document van een publicatie, zolang zij niet is ingetrokken.");

        publications.MapPost("/{id:guid}/withdraw", async (Guid id, WithdrawRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new WithdrawDocument(id, body.Reason, Actor.From(user)), ct)))
            .RequireAuthorization(Policies.CanManageDomain)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Trekt een publicatie in; zij blijft zichtbaar met de datum en de reden.");

        return app;
    }
}
