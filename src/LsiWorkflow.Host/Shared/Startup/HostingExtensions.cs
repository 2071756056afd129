using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Features.Audit;
using LsiWorkflow.Host.Features.Designer;
using LsiWorkflow.Host.Features.Dpias;
using LsiWorkflow.Host.Features.Milestones;
using LsiWorkflow.Host.Features.Notifications;
using LsiWorkflow.Host.Features.Projects;
using LsiWorkflow.Host.Features.Reminders;
using LsiWorkflow.Host.Features.Reporting;
using LsiWorkflow.Host.Features.Retention;
using LsiWorkflow.Host.Features.Tasks;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime;

namespace LsiWorkflow.Host.Shared.Startup;

public static class HostingExtensions
{
    /// <summary>
    /// Everything but the web front: database, runtime, use cases and the features' services. The host and the
    /// durable benchmark compose the same services from here, so neither can drift from the other.
    /// </summary>
    public static IHostApplicationBuilder AddLsiServices(this IHostApplicationBuilder builder)
    {
        builder.AddLsiPersistence();
        builder.AddLsiUseCases();
        builder.AddAccounts();
        builder.Services
            .AddLsiRuntime<LsiDbContext>(builder.Configuration, PersistenceExtensions.ConnectionStringName, typeof(HostingExtensions).Assembly)
            .AddScoped<LetterSeeder>()
            .AddAudit()
            .AddProjects()
            .AddDpias()
            .AddMilestones()
            .AddReporting()
            .AddDesigner()
            .AddTasks()
            .AddNotifications()
            .AddReminders()
            .AddRetention(builder.Configuration);
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
}
