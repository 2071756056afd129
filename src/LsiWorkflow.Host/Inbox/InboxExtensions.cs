using System.Security.Claims;
using LsiWorkflow.Host.Application;
using LsiWorkflow.Host.Identity;
using LsiWorkflow.Host.Inbox.Calendar;
using LsiWorkflow.Host.Inbox.Notifications;
using LsiWorkflow.Host.Inbox.Reminders;
using LsiWorkflow.Host.Inbox.Settings;
using LsiWorkflow.Host.Inbox.Tasks;
using LsiWorkflow.Host.Notifications;
using LsiWorkflow.Host.Workflows.Scheduling;
using LsiWorkflow.Host.Workflows.Tasks;
using Mediator;

namespace LsiWorkflow.Host.Inbox;

/// <summary>The partners' inbox: task handling beyond completion, in-app notifications and the calendar feed.</summary>
public static class InboxExtensions
{
    public sealed record ReassignBody(string UserName);

    public sealed record DueDateBody(DateTimeOffset DueAt);

    public sealed record SaveViewBody(string Name, TaskFilter Filter);

    public sealed record AbsenceBody(string SubstituteUserName, string? UserName);

    public sealed record CalendarLink(string Url, DateTimeOffset CreatedAt);

    public sealed record SettingsBody(string Language, bool DailyDigest);

    public static IHostApplicationBuilder AddLsiInbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<NotificationTemplates>();
        builder.Services.AddSingleton<MailWriter>();
        builder.Services.AddScoped<DateReminders>();
        builder.Services.AddScoped<INoticeSource, DateReminderNotifier>();
        builder.Services.AddScoped<DailyDigest>();
        builder.Services.AddScoped<Components.UseCases>();
        return builder;
    }

    /// <summary>The address of a person's calendar feed for a given secret.</summary>
    public static string CalendarUrl(string baseUrl, string token) => $"{baseUrl.TrimEnd('/')}/calendar/{token}.ics";

    public static IEndpointRouteBuilder MapInboxEndpoints(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/tasks").WithTags("Taken").RequireAuthorization(Policies.CanCompleteTasksOfOwnOrganisation);
        tasks.MapGet("/{taskId:guid}/page", (Guid taskId, ClaimsPrincipal user, IMediator m, CancellationToken ct) => m.Send(new GetTaskPage(taskId, Actor.From(user)), ct))
            .WithSummary("Eén taak met haar werkstroom, variabelen, project, geschiedenis en wat u ermee mag.");
        tasks.MapPost("/{taskId:guid}/claim", async (Guid taskId, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new ClaimTask(taskId, Actor.From(user)), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Pakt een taak van uw organisatie op: collega's zien dat u haar behandelt.");
        tasks.MapPost("/{taskId:guid}/release", async (Guid taskId, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new ReleaseTask(taskId, Actor.From(user)), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Geeft een opgepakte taak vrij aan de organisatie.");
        tasks.MapPost("/{taskId:guid}/reassign", async (Guid taskId, ReassignBody body, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new ReassignTask(taskId, body.UserName, Actor.From(user)), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Draagt een taak over aan een collega binnen de organisatie.");
        tasks.MapPut("/{taskId:guid}/due-date", async (Guid taskId, DueDateBody body, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ChangeTaskDueDate(taskId, body.DueAt, Actor.From(user)), ct)))
            .WithSummary("Verplaatst de uiterste datum (secretariaat); herinneringen en escalatie schuiven mee.");

        var inbox = app.MapGroup("/api/inbox").WithTags("Taken").RequireAuthorization(Policies.CanCompleteTasksOfOwnOrganisation);
        inbox.MapGet("/views", (ClaimsPrincipal user, IMediator m, CancellationToken ct) => m.Send(new ListTaskViews(Actor.From(user)), ct))
            .WithSummary("Uw opgeslagen weergaven van de takenlijst.");
        inbox.MapPut("/views", async (SaveViewBody body, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new SaveTaskView(body.Name, body.Filter, Actor.From(user)), ct)))
            .WithSummary("Slaat een filter op onder een naam (dezelfde naam vervangt).");
        inbox.MapDelete("/views/{id:guid}", async (Guid id, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new DeleteTaskView(id, Actor.From(user)), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Verwijdert een opgeslagen weergave.");
        inbox.MapPost("/absence", async (AbsenceBody body, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
            {
                var actor = Actor.From(user);
                return TypedResults.Ok(await m.Send(new StartAbsence(body.UserName ?? actor.UserName, body.SubstituteUserName, actor), ct));
            })
            .WithSummary("Meldt u (of als secretariaat iemand) afwezig; taken gaan naar de vervanger.");
        inbox.MapDelete("/absence", async (string? userName, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
            {
                var actor = Actor.From(user);
                await m.Send(new EndAbsence(userName ?? actor.UserName, actor), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Beëindigt een afwezigheid.");

        var notifications = app.MapGroup("/api/notifications").WithTags("Meldingen").RequireAuthorization();
        notifications.MapGet("/", (bool? unreadOnly, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                m.Send(new ListNotifications(Actor.From(user), unreadOnly ?? false), ct))
            .WithSummary("Uw meldingen, nieuwste eerst.");
        notifications.MapGet("/unread-count", (ClaimsPrincipal user, IMediator m, CancellationToken ct) => m.Send(new CountUnreadNotifications(Actor.From(user)), ct))
            .WithSummary("Aantal ongelezen meldingen.");
        notifications.MapPost("/{id:guid}/read", async (Guid id, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new MarkNotificationsRead(id, Actor.From(user)), ct)))
            .WithSummary("Markeert een melding als gelezen.");
        notifications.MapPost("/read", async (ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new MarkNotificationsRead(null, Actor.From(user)), ct)))
            .WithSummary("Markeert al uw meldingen als gelezen.");

        notifications.MapGet("/settings", (ClaimsPrincipal user, IMediator m, CancellationToken ct) => m.Send(new GetNotificationSettings(Actor.From(user)), ct))
            .WithSummary("Uw taal voor meldingen en of u een dagelijks overzicht krijgt in plaats van losse mails.");
        notifications.MapPut("/settings", async (SettingsBody body, ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new SaveNotificationSettings(body.Language, body.DailyDigest, Actor.From(user)), ct)))
            .WithSummary("Kiest de taal van uw meldingen (nl of en) en een dagelijks overzicht in plaats van losse mails.");

        var calendar = app.MapGroup("/api/calendar").WithTags("Agenda").RequireAuthorization();
        calendar.MapGet("/", (ClaimsPrincipal user, IMediator m, CancellationToken ct) => m.Send(new GetCalendarFeedStatus(Actor.From(user)), ct))
            .WithSummary("Of uw agenda-abonnement aan staat.");
        calendar.MapPost("/token", async (ClaimsPrincipal user, IMediator m, MailOptions options, CancellationToken ct) =>
            {
                var created = await m.Send(new RegenerateCalendarToken(Actor.From(user)), ct);
                return TypedResults.Ok(new CalendarLink(CalendarUrl(options.PublicBaseUrl, created.Token), created.CreatedAt));
            })
            .WithSummary("Maakt een nieuw geheim adres voor uw agenda; het oude werkt niet meer.");
        calendar.MapDelete("/token", async (ClaimsPrincipal user, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new RevokeCalendarToken(Actor.From(user)), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Zet uw agenda-abonnement uit.");

        // Calendar programs cannot sign in: the secret in the address is the only key.
        app.MapGet("/calendar/{token}.ics", async (string token, IMediator m, CancellationToken ct) =>
                TypedResults.Text(await m.Send(new GetCalendarFeed(token), ct), "text/calendar; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
