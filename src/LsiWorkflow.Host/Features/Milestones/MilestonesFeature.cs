using System.Security.Claims;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Api;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Outbox;
using Mediator;

namespace LsiWorkflow.Host.Features.Milestones;

public static class MilestonesFeature
{
    public static IServiceCollection AddMilestones(this IServiceCollection services) =>
        services.AddScoped<IOutboxHandler, WorkflowMilestones>();

    public sealed record ReachedRequest(DateOnly? ReachedOn, string? Reason);

    public sealed record ReplanRequest(DateOnly PlannedOn, string? Reason);

    public static IEndpointRouteBuilder MapMilestones(this IEndpointRouteBuilder app)
    {
        var milestones = app.MapRegisterGroup("/api/milestones", "Mijlpalen", Policies.CanViewMilestones);

        milestones.MapGet("/", async (Actor actor, MilestoneSubject? subject, Guid? subjectId, int? year, string? organisation, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListMilestones(actor, subject, subjectId, year, organisation), ct)))
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
