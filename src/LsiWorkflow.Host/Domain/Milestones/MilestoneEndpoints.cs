using System.Security.Claims;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Application;
using LsiWorkflow.Host.Identity;
using Mediator;

namespace LsiWorkflow.Host.Domain.Milestones;

public static class MilestoneEndpoints
{
    public sealed record ReachedRequest(DateOnly? ReachedOn, string? Reason);

    public sealed record ReplanRequest(DateOnly PlannedOn, string? Reason);

    public static IEndpointRouteBuilder MapMilestoneEndpoints(this IEndpointRouteBuilder app)
    {
        var milestones = app.MapDomainGroup("/api/milestones", "Mijlpalen", Policies.CanViewMilestones);

        milestones.MapGet("/", async (MilestoneSubject? subject, Guid? subjectId, int? year, string? organisation, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListMilestones(subject, subjectId, year, organisation), ct)))
            .WithSummary("Mijlpalen met geplande en werkelijke datum en hun status met de regel erbij; te filteren op onderwerp, jaar en organisatie (code).");

        milestones.MapPost("/{id:guid}/reached", async (Guid id, ReachedRequest? body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RecordMilestoneReached(Actor.From(user), id, body?.ReachedOn, body?.Reason), ct)))
            .RequireAuthorization(Policies.CanManageDomain)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Legt vast dat een mijlpaal is bereikt.");

        milestones.MapPut("/{id:guid}/planned-on", async (Guid id, ReplanRequest body, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ReplanMilestone(Actor.From(user), id, body.PlannedOn, body.Reason), ct)))
            .RequireAuthorization(Policies.CanManageDomain)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Verplaatst de geplande datum van een mijlpaal; de herinneringen schuiven mee.");

        return app;
    }
}
