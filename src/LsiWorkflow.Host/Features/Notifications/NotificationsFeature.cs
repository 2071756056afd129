using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Outbox;
using LsiWorkflow.Runtime.Scheduling;
using Mediator;

namespace LsiWorkflow.Host.Features.Notifications;

/// <summary>
/// Notifications: rendered from the templates in each reader's language, delivered in-app and by mail (or a daily
/// digest), for the runtime's notices and the task deadlines.
/// </summary>
public static class NotificationsFeature
{
    public sealed record SettingsBody(string Language, bool DailyDigest);

    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        // Read when first needed: tests and hosting add configuration after the services are composed.
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Mail").Get<MailOptions>() ?? new MailOptions());
        services.AddSingleton<NotificationTemplates>();
        services.AddSingleton<MailWriter>();
        services.AddScoped<INoticeDelivery, MailNotificationSender>();
        services.AddScoped<INoticeSource, TaskDeadlineNotifier>();
        services.AddScoped<DailyDigest>();
        services.AddScoped<ISweepStep>(sp => sp.GetRequiredService<DailyDigest>());
        return services;
    }

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup("/api/notifications").WithTags("Meldingen").RequireAuthorization();
        notifications.MapGet("/", (bool? unreadOnly, Actor actor, IMediator m, CancellationToken ct) =>
                m.Send(new ListNotifications(actor, unreadOnly ?? false), ct))
            .WithSummary("Uw meldingen, nieuwste eerst.");
        notifications.MapGet("/unread-count", (Actor actor, IMediator m, CancellationToken ct) => m.Send(new CountUnreadNotifications(actor), ct))
            .WithSummary("Aantal ongelezen meldingen.");
        notifications.MapPost("/{id:guid}/read", async (Guid id, Actor actor, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new MarkNotificationsRead(id, actor), ct)))
            .WithSummary("Markeert een melding als gelezen.");
        notifications.MapPost("/read", async (Actor actor, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new MarkNotificationsRead(null, actor), ct)))
            .WithSummary("Markeert al uw meldingen als gelezen.");

        notifications.MapGet("/settings", (Actor actor, IMediator m, CancellationToken ct) => m.Send(new GetNotificationSettings(actor), ct))
            .WithSummary("Uw taal voor meldingen en of u een dagelijks overzicht krijgt in plaats van losse mails.");
        notifications.MapPut("/settings", async (SettingsBody body, Actor actor, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new SaveNotificationSettings(body.Language, body.DailyDigest, actor), ct)))
            .WithSummary("Kiest de taal van uw meldingen (nl of en) en een dagelijks overzicht in plaats van losse mails.");

        return app;
    }
}
