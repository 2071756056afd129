using LsiWorkflow.Host.Application;
using LsiWorkflow.Host.Domain;
using LsiWorkflow.Host.Identity;
using LsiWorkflow.Host.Inbox;
using LsiWorkflow.Host.Persistence;
using LsiWorkflow.Host.Scheduling;
using LsiWorkflow.Host.Workflows;

namespace LsiWorkflow.Host.Startup;

public static class HostingExtensions
{
    /// <summary>
    /// Everything but the web front: database, identity, Hangfire, use cases and features. The host and the
    /// durable benchmark compose the same services from here, so neither can drift from the other.
    /// </summary>
    public static IHostApplicationBuilder AddLsiServices(this IHostApplicationBuilder builder)
    {
        builder.AddLsiPersistence();
        builder.AddLsiIdentity();
        builder.AddLsiScheduling();
        builder.AddLsiApplication();
        builder.AddLsiDomain();
        builder.AddLsiWorkflows();
        builder.AddLsiInbox();
        return builder;
    }

    /// <summary>Structured logs: JSON lines outside Development, one readable line per event inside it.</summary>
    public static IHostApplicationBuilder AddLsiLogging(this IHostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "HH:mm:ss ";
            });
        }
        else
        {
            builder.Logging.AddJsonConsole(options => options.TimestampFormat = "O");
        }
        return builder;
    }

    /// <summary>Use cases and the services they share.</summary>
    public static IHostApplicationBuilder AddLsiApplication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<IdentitySeeder>();
        builder.Services.AddExceptionHandler<UseCaseExceptionHandler>();
        builder.Services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(HostingExtensions)];
            options.PipelineBehaviors = [typeof(LoggingBehavior<,>)];
        });
        return builder;
    }
}
