using System.Security.Claims;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Api;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.Commitments;

public static class CommitmentsFeature
{
    public sealed record FulfilRequest(DateOnly? FulfilledOn, string? Reason, string? Result = null, string? DocumentReference = null);

    public sealed record DueDateRequest(DateOnly DueOn, string? Reason);

    public static IEndpointRouteBuilder MapCommitments(this IEndpointRouteBuilder app)
    {
        var commitments = app.MapRegisterGroup("/api/commitments", "Toezeggingen", Policies.CanViewMilestones);

        commitments.MapGet("/", async (Actor actor, CommitmentStatus? status, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListCommitments(actor, status), ct)))
            .WithSummary("Toezeggingen aan de Kamer met uiterste datum, status en of ze te laat zijn.");

        commitments.MapPost("/{id:guid}/fulfil", async (Guid id, FulfilRequest? body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new FulfilCommitment(Actor.From(user), id, body?.FulfilledOn, body?.Reason, body?.Result, body?.DocumentReference), ct)))
            .RequireAuthorization(Policies.CanManageDomain)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Legt vast dat een toezegging is nagekomen.");

        commitments.MapPut("/{id:guid}/due-on", async (Guid id, DueDateRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ChangeCommitmentDueDate(Actor.From(user), id, body.DueOn, body.Reason), ct)))
            .RequireAuthorization(Policies.CanManageDomain)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Verplaatst de uiterste datum van een toezegging; de herinneringen schuiven mee.");

        return app;
    }
}
