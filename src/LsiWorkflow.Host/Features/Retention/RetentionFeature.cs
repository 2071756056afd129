using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Api;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Scheduling;
using Mediator;

namespace LsiWorkflow.Host.Features.Retention;

/// <summary>Personal data kept only as long as needed, and a person's data exported or erased on request.</summary>
public static class RetentionFeature
{
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(RetentionOptions.Section).Get<RetentionOptions>() ?? new RetentionOptions());
        services.AddScoped<PersonalDataRetention>();
        services.AddScoped<ISweepStep>(sp => sp.GetRequiredService<PersonalDataRetention>());
        return services;
    }

    public static IEndpointRouteBuilder MapRetention(this IEndpointRouteBuilder app)
    {
        var people = app.MapRegisterGroup("/api/admin/personal-data", "Beheer", Policies.CanAdministerSystem);

        people.MapGet("/{userName}", async (string userName, Actor actor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ExportPersonalData(actor, userName), ct)))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Alle persoonsgegevens die over iemand bewaard worden (inzageverzoek).");

        people.MapDelete("/{userName}", async (string userName, Actor actor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ErasePersonalData(actor, userName), ct)))
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Wist de persoonsgegevens van een verwijderd account buiten het archief; besluiten en audit blijven.");

        return app;
    }
}
