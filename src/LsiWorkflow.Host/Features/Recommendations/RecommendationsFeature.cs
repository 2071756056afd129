using System.Security.Claims;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Api;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.Recommendations;

public static class RecommendationsFeature
{
    public sealed record FollowUpActionRequest(FollowUpStatus Status, string? Decision, string? Reason);

    public static IEndpointRouteBuilder MapRecommendations(this IEndpointRouteBuilder app)
    {
        var evaluations = app.MapRegisterGroup("/api/evaluations", "Evaluaties");

        evaluations.MapGet("/latest", async (Actor actor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetEvaluation(actor), ct)))
            .WithSummary("De meest recente evaluatie van het convenant met aanbevelingen en acties.");

        evaluations.MapGet("/{id:guid}", async (Actor actor, Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetEvaluation(actor, id), ct)))
            .WithSummary("Een evaluatie met aanbevelingen (genummerd als in de Kamerbrief) en de acties per aanbeveling.");

        evaluations.MapPut("/{id:guid}/actions/{actionId:guid}", async (Guid id, Guid actionId, FollowUpActionRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new UpdateFollowUpAction(Actor.From(user), id, actionId, body.Status, body.Decision, body.Reason), ct)))
            .RequireAuthorization(Policies.CanManageDomain)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Zet een actie op 'in uitvoering', 'gereed' of 'niet overgenomen' (met besluit).");

        return app;
    }
}
