using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Outbox;
using LsiWorkflow.Runtime.Scheduling;
using Mediator;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LsiWorkflow.Host.Features.Notifications;

/// <summary>
/// Notifications: rendered from the templates in each reader's language, delivered in-app and by mail (or a daily
/// digest), for the runtime's notices and the task deadlines.
/// </summary>
public static class NotificationsFeature
{
    public sealed record SettingsBody(string Language, bool DailyDigest);

    public sealed record AbandonBody(string Reason);

    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        // Read when first needed: tests and hosting add configuration after the services are composed.
        services.AddSingleton(sp => MailOptions.Read(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<NotificationTemplates>();
        services.AddSingleton<MailWriter>();
        services.AddScoped<INoticeDelivery, MailNotificationSender>();
        services.AddScoped<INoticeSource, TaskDeadlineNotifier>();
        services.AddScoped<DailyDigest>();
        services.AddScoped<ISweepStep>(sp => sp.GetRequiredService<DailyDigest>());
        services.AddScoped<IOutboxAlarm, AdministratorOutboxAlarm>();
        services.AddHealthChecks().AddCheck<UndeliveredMessagesHealthCheck>("outbox", HealthStatus.Degraded, tags: ["ready"]);
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

        // Mail and other work after a commit is tried until it is delivered; only an administrator gives up on it.
        var outbox = app.MapGroup("/api/outbox").WithTags("Meldingen").RequireAuthorization(Policies.CanAdministerSystem);
        outbox.MapGet("/undelivered", (Actor actor, IMediator m, CancellationToken ct) => m.Send(new ListUndeliveredMessages(actor), ct))
            .WithSummary("Berichten die nog niet zijn afgeleverd (mails en ander werk na een commit), oudste eerst, met hun pogingen en laatste fout.");
        outbox.MapPost("/{id:guid}/abandon", async (Guid id, AbandonBody body, Actor actor, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new AbandonMessage(id, body.Reason, actor), ct)))
            .WithSummary("Geeft een niet-afgeleverd bericht op: het wordt niet meer geprobeerd. De reden komt in het audittrail.");

        return app;
    }
}
