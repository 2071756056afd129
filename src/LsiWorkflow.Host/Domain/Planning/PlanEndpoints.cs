using Mediator;

namespace LsiWorkflow.Host.Domain.Planning;

public static class PlanEndpoints
{
    public static IEndpointRouteBuilder MapPlanEndpoints(this IEndpointRouteBuilder app)
    {
        var plan = app.MapDomainGroup("/api/plan", "Meerjarenplan");

        plan.MapGet("/", async (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMultiYearPlan(), ct)))
            .WithSummary("Het meerjarenplan van dit jaar: thema's, fenomenen, agenda, werkgroepen, werkafspraken en de Stand van de uitvoering.");

        plan.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMultiYearPlan(id), ct)))
            .WithSummary("Een meerjarenplan.");

        return app;
    }
}
