using LsiWorkflow.Engine;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LsiWorkflow.Host.Shared.Telemetry;

/// <summary>
/// OpenTelemetry for the host: traces from request to use case to burst to SQL, and the product's figures next to
/// ASP.NET Core's and the .NET runtime's. Exported by OTLP when <c>Telemetry:OtlpEndpoint</c> is set, and scraped by
/// Prometheus at <c>Telemetry:PrometheusPath</c> (admins only). Health checks stay as they are.
/// </summary>
public static class TelemetryExtensions
{
    public static IHostApplicationBuilder AddLsiTelemetry(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<OperationalFigures>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OperationalFigures>());

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("lsi-workflow", serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(UseCaseTelemetry.Name, RuntimeTelemetry.Name)
                    .AddAspNetCoreInstrumentation(asp => asp.Filter = context => !IsQuiet(context.Request.Path))
                    .AddNpgsql();
                if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
                {
                    tracing.AddOtlpExporter(otlp => otlp.Endpoint = new Uri(options.OtlpEndpoint));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(OperationalFigures.MeterName, RuntimeTelemetry.Name, EngineMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation();
                if (!string.IsNullOrWhiteSpace(options.PrometheusPath))
                {
                    metrics.AddPrometheusExporter();
                }
                if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
                {
                    metrics.AddOtlpExporter(otlp => otlp.Endpoint = new Uri(options.OtlpEndpoint));
                }
            });
        return builder;
    }

    /// <summary>The Prometheus scrape endpoint, for admins only (a scraper signs in with an admin's bearer token).</summary>
    public static WebApplication MapLsiTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<TelemetryOptions>();
        if (!string.IsNullOrWhiteSpace(options.PrometheusPath))
        {
            app.MapPrometheusScrapingEndpoint(options.PrometheusPath).RequireAuthorization(Policies.CanAdministerSystem);
        }
        return app;
    }

    /// <summary>Health probes and static files would drown the traces of real work.</summary>
    private static bool IsQuiet(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content")
        || path.StartsWithSegments("/_blazor");
}
