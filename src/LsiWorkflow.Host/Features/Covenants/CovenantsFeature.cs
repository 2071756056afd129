using LsiWorkflow.Host.Shared.Api;
using Mediator;

namespace LsiWorkflow.Host.Features.Covenants;

public static class CovenantsFeature
{
    public static IEndpointRouteBuilder MapCovenants(this IEndpointRouteBuilder app)
    {
        var covenant = app.MapRegisterGroup("/api/covenant", "Convenant");

        covenant.MapGet("/", async (int? year, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetCovenant(year), ct)))
            .WithSummary("Het geldende convenant (of de versie van het opgegeven jaar), de ondertekenaars en de volgende evaluatiedatum (artikel 13).");

        return app;
    }
}
