using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using LsiWorkflow.Host.Identity;
using LsiWorkflow.Host.Persistence;

namespace LsiWorkflow.Host.Scheduling;

public static class SchedulingExtensions
{
    public const string HangfireSchema = "hangfire";

    /// <summary>Hangfire on the same PostgreSQL, in a schema of its own, with a server in every host.</summary>
    public static IHostApplicationBuilder AddLsiScheduling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHangfire((services, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                options => options.UseNpgsqlConnection(
                    services.GetRequiredService<IConfiguration>().GetConnectionString(PersistenceExtensions.ConnectionStringName)),
                new PostgreSqlStorageOptions
                {
                    SchemaName = HangfireSchema,
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    InvisibilityTimeout = TimeSpan.FromMinutes(5),
                }));
        if (builder.Configuration.GetValue("Hangfire:Server", true))
        {
            builder.Services.AddHangfireServer(options =>
            {
                options.WorkerCount = builder.Configuration.GetValue("Hangfire:WorkerCount", Math.Max(4, Environment.ProcessorCount * 2));
                options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            });
        }
        return builder;
    }

    /// <summary>The dashboard is for admins only; the endpoint policy does the check, not Hangfire's local-only filter.</summary>
    public static IEndpointRouteBuilder MapLsiHangfireDashboard(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = Array.Empty<IDashboardAuthorizationFilter>(),
            DashboardTitle = "LSI Workflow — Hangfire",
        }).RequireAuthorization(Policies.CanAdministerSystem);
        return app;
    }
}
