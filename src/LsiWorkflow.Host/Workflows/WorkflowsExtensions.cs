using Hangfire;
using LsiWorkflow.Host.Notifications;
using LsiWorkflow.Host.Workflows.Runtime;
using LsiWorkflow.Host.Workflows.Scheduling;

namespace LsiWorkflow.Host.Workflows;

public static class WorkflowsExtensions
{
    /// <summary>The engine in the host: runtime, timers on Hangfire, outbox, notifications, shipped workflows.</summary>
    public static IHostApplicationBuilder AddLsiWorkflows(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<WorkflowEngine>();
        services.AddScoped<WorkflowRuntime>();
        services.AddScoped<WorkflowTimers>();
        services.AddScoped<OutboxDispatcher>();
        services.AddScoped<IWorkflowScheduler, HangfireWorkflowScheduler>();
        services.AddScoped<TimerJobs>();
        services.AddScoped<OutboxJobs>();
        services.AddScoped<SweepJob>();
        services.AddScoped<WorkflowCatalog>();
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Mail").Get<MailOptions>() ?? new MailOptions());
        services.AddScoped<INotificationSender, MailNotificationSender>();
        services.AddScoped<INoticeSource, TaskDeadlineNotifier>();
        return builder;
    }

    /// <summary>The one recurring job of the engine; registering it again changes nothing.</summary>
    public static void ScheduleSweep(this IServiceProvider services) =>
        services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<SweepJob>(SweepJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
}
