using LsiWorkflow.Runtime.Outbox;
using LsiWorkflow.Runtime.Scheduling;

namespace LsiWorkflow.Host.Features.Reminders;

/// <summary>Reminders of milestones and commitments to parliament, planned in the sweep and fired with the runtime's timers.</summary>
public static class RemindersFeature
{
    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddScoped<DateReminders>();
        services.AddScoped<ISweepStep>(sp => sp.GetRequiredService<DateReminders>());
        services.AddScoped<IDueClaims>(sp => sp.GetRequiredService<DateReminders>());
        services.AddScoped<INoticeSource, DateReminderNotifier>();
        return services;
    }
}
