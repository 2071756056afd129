using LsiWorkflow.Host.Application;
using LsiWorkflow.Host.Identity;

namespace LsiWorkflow.Host.Startup;

public static class HostingExtensions
{
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
