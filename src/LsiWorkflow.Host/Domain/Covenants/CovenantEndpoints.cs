using Mediator;

namespace LsiWorkflow.Host.Domain.Covenants;

public static class CovenantEndpoints
{
    public static IEndpointRouteBuilder MapCovenantEndpoints(this IEndpointRouteBuilder app)
    {
        var covenant = app.MapDomainGroup("/api/covenant", "Convenant");

        covenant.MapGet("/", async (int? year, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetCovenant(year), ct)))
            .WithSummary("Het geldende convenant (of de versie van het opgegeven jaar), de ondertekenaars en de volgende evaluatiedatum (artikel 13).");

        return app;
    }
}
