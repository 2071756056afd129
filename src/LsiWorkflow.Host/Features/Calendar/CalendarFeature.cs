using LsiWorkflow.Host.Features.Notifications;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.Calendar;

/// <summary>A person's secret calendar address: open tasks with a due date, and the milestones they follow.</summary>
public static class CalendarFeature
{
    public sealed record CalendarLink(string Url, DateTimeOffset CreatedAt);

    /// <summary>The address of a person's calendar feed for a given secret.</summary>
    public static string CalendarUrl(string baseUrl, string token) => $"{baseUrl.TrimEnd('/')}/calendar/{token}.ics";

    public static IEndpointRouteBuilder MapCalendar(this IEndpointRouteBuilder app)
    {
        var calendar = app.MapGroup("/api/calendar").WithTags("Agenda").RequireAuthorization();
        calendar.MapGet("/", (Actor actor, IMediator m, CancellationToken ct) => m.Send(new GetCalendarFeedStatus(actor), ct))
            .WithSummary("Of uw agenda-abonnement aan staat.");
        calendar.MapPost("/token", async (Actor actor, IMediator m, MailOptions options, CancellationToken ct) =>
            {
                var created = await m.Send(new RegenerateCalendarToken(actor), ct);
                return TypedResults.Ok(new CalendarLink(CalendarUrl(options.PublicBaseUrl, created.Token), created.CreatedAt));
            })
            .WithSummary("Maakt een nieuw geheim adres voor uw agenda; het oude werkt niet meer.");
        calendar.MapDelete("/token", async (Actor actor, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new RevokeCalendarToken(actor), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Zet uw agenda-abonnement uit.");

        // Calendar programs cannot sign in: the secret in the address is the only key.
        // HEAD as well: calendar programs ask it to see whether the feed changed; the server sends the head of a GET.
        app.MapMethods("/calendar/{token}.ics", [HttpMethods.Get, HttpMethods.Head], async (Actor actor, string token, IMediator m, CancellationToken ct) =>
                TypedResults.Text(await m.Send(new GetCalendarFeed(actor, token), ct), "text/calendar; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
