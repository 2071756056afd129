using LsiWorkflow.Host.Shared.Api;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.Planning;

public static class PlanningFeature
{
    public static IEndpointRouteBuilder MapPlanning(this IEndpointRouteBuilder app)
    {
        var plan = app.MapRegisterGroup("/api/plan", "Meerjarenplan");

        plan.MapGet("/", async (Actor actor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMultiYearPlan(actor), ct)))
            .WithSummary("Het meerjarenplan van dit jaar: thema's, fenomenen, agenda, werkgroepen, werkafspraken en de Stand van de uitvoering.");

        plan.MapGet("/{id:guid}", async (Actor actor, Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMultiYearPlan(actor, id), ct)))
            .WithSummary("Een meerjarenplan.");

        return app;
    }
}
