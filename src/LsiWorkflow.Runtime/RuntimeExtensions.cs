using System.Reflection;
using Hangfire;
using Hangfire.PostgreSql;
using LsiWorkflow.Runtime.Outbox;
using LsiWorkflow.Runtime.Persistence;
using LsiWorkflow.Runtime.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LsiWorkflow.Runtime;

public static class RuntimeExtensions
{
    public const string HangfireSchema = "hangfire";

    /// <summary>
    /// The durable runtime on the host's database context <typeparamref name="TContext"/> (whose model applies
    /// <see cref="RuntimeModel"/>), with Hangfire on the same PostgreSQL in a schema of its own and a server in every
    /// host unless <c>Hangfire:Server</c> is false. Activities come from the engine and <paramref name="activityAssemblies"/>.
    /// </summary>
    public static IServiceCollection AddLsiRuntime<TContext>(this IServiceCollection services, IConfiguration configuration, string connectionStringName, params Assembly[] activityAssemblies)
        where TContext : DbContext
    {
        services.AddSingleton(sp => new EngineServices(sp.GetRequiredService<TimeProvider>(), activityAssemblies));
        services.AddSingleton<PublishedDefinitions>();
        services.AddSingleton<IRuntimeContexts, RuntimeContexts<TContext>>();
        services.AddScoped<DurableRuntime>();
        services.AddScoped<AfterCommit>();
        services.AddScoped<DueTimers>();
        services.AddScoped<OutboxDispatcher>();
        services.AddScoped<IWorkflowScheduler, HangfireWorkflowScheduler>();
        services.AddScoped<TimerJobs>();
        services.AddScoped<OutboxJobs>();
        services.AddScoped<SweepJob>();

        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                options => options.UseNpgsqlConnection(sp.GetRequiredService<IConfiguration>().GetConnectionString(connectionStringName)),
                new PostgreSqlStorageOptions
                {
                    SchemaName = HangfireSchema,
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    InvisibilityTimeout = TimeSpan.FromMinutes(5),
                })
            // Finished jobs' history (ids and times, no personal data) is kept this long; see README, "Retention".
            .WithJobExpirationTimeout(configuration.GetValue("Retention:JobHistory", TimeSpan.FromDays(7))));
        if (configuration.GetValue("Hangfire:Server", true))
        {
            services.AddHangfireServer(options =>
            {
                options.WorkerCount = configuration.GetValue("Hangfire:WorkerCount", Math.Max(4, Environment.ProcessorCount * 2));
                options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            });
        }
        return services;
    }

    /// <summary>The one recurring job of the runtime; registering it again changes nothing.</summary>
    public static void ScheduleSweep(this IServiceProvider services) =>
        services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<SweepJob>(SweepJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
}
