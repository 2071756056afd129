using LsiWorkflow.Host.Shared.Api;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.Covenants;

public static class CovenantsFeature
{
    public static IEndpointRouteBuilder MapCovenants(this IEndpointRouteBuilder app)
    {
        var covenant = app.MapRegisterGroup("/api/covenant", "Convenant");

        covenant.MapGet("/", async (Actor actor, int? year, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetCovenant(actor, year), ct)))
            .WithSummary("Het geldende convenant (of de versie van het opgegeven jaar), de ondertekenaars en de volgende evaluatiedatum (artikel 13).");

        return app;
    }
}
