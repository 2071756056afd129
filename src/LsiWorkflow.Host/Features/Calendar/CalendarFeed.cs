using System.Security.Cryptography;
using System.Text;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Features.Milestones;
using LsiWorkflow.Host.Features.Notifications;
using LsiWorkflow.Host.Features.Tasks;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Calendar;

public sealed record CalendarFeedStatus(bool Active, DateTimeOffset? CreatedAt);

public sealed record CalendarFeedCreated(string Token, DateTimeOffset CreatedAt);

internal static class CalendarTokens
{
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>
/// Makes a new secret for the actor's calendar feed; the old address stops working at once. The secret is
/// shown this once: only its hash is stored.
/// </summary>
[Allowed(Policies.SignedIn)]
public sealed record RegenerateCalendarToken(Actor Actor) : ICommand<CalendarFeedCreated>, IActorMessage;

public sealed class RegenerateCalendarTokenHandler(LsiDbContext db, TimeProvider time) : ICommandHandler<RegenerateCalendarToken, CalendarFeedCreated>
{
    public async ValueTask<CalendarFeedCreated> Handle(RegenerateCalendarToken command, CancellationToken cancellationToken)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        var existing = await db.Set<CalendarFeedToken>().SingleOrDefaultAsync(t => t.UserName == command.Actor.UserName, cancellationToken);
        if (existing is null)
        {
            db.Add(new CalendarFeedToken { UserName = command.Actor.UserName, TokenHash = CalendarTokens.Hash(token), CreatedAt = now });
        }
        else
        {
            existing.TokenHash = CalendarTokens.Hash(token);
            existing.CreatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        return new CalendarFeedCreated(token, now);
    }
}

/// <summary>Switches the actor's calendar feed off; its address answers 404 from now on.</summary>
[Allowed(Policies.SignedIn)]
public sealed record RevokeCalendarToken(Actor Actor) : ICommand, IActorMessage;

public sealed class RevokeCalendarTokenHandler(LsiDbContext db) : ICommandHandler<RevokeCalendarToken>
{
    public async ValueTask<Unit> Handle(RevokeCalendarToken command, CancellationToken cancellationToken)
    {
        await db.Set<CalendarFeedToken>().Where(t => t.UserName == command.Actor.UserName).ExecuteDeleteAsync(cancellationToken);
        return Unit.Value;
    }
}

[Allowed(Policies.SignedIn)]
public sealed record GetCalendarFeedStatus(Actor Actor) : IQuery<CalendarFeedStatus>, IActorMessage;

public sealed class GetCalendarFeedStatusHandler(LsiDbContext db) : IQueryHandler<GetCalendarFeedStatus, CalendarFeedStatus>
{
    public async ValueTask<CalendarFeedStatus> Handle(GetCalendarFeedStatus query, CancellationToken cancellationToken)
    {
        var token = await db.Set<CalendarFeedToken>().AsNoTracking().SingleOrDefaultAsync(t => t.UserName == query.Actor.UserName, cancellationToken);
        return new CalendarFeedStatus(token is not null, token?.CreatedAt);
    }
}

/// <summary>
/// The iCalendar feed behind a secret: the open tasks with a due date the person may see, and, for those who
/// follow milestones, the milestones not yet reached. An unknown or revoked secret is 404.
/// </summary>
[Allowed(Policies.Public)]
public sealed record GetCalendarFeed(Actor Actor, string Token) : IQuery<string>, IActorMessage;

public sealed class GetCalendarFeedHandler(LsiDbContext db, UserManager<LsiUser> users, IMediator mediator, MailOptions options)
    : IQueryHandler<GetCalendarFeed, string>
{
    public async ValueTask<string> Handle(GetCalendarFeed query, CancellationToken cancellationToken)
    {
        var hash = CalendarTokens.Hash(query.Token ?? "");
        var userName = await db.Set<CalendarFeedToken>().AsNoTracking().Where(t => t.TokenHash == hash).Select(t => t.UserName)
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Deze agenda bestaat niet (meer).");
        var user = await users.FindByNameAsync(userName) ?? throw new NotFoundException("Deze agenda bestaat niet (meer).");
        var actor = new Actor(userName, user.OrganisationCode, (await users.GetRolesAsync(user)).ToHashSet());

        // The reader's language, as in their mails.
        var english = NotificationSettingsView.Of(
            await db.Set<NotificationSettings>().AsNoTracking().SingleOrDefaultAsync(s => s.UserName == userName, cancellationToken), options).Language == "en";
        var calendar = new Ical.Net.Calendar { ProductId = "-//LSI//LSI Workflow//NL" };
        calendar.AddProperty("X-WR-CALNAME", $"LSI Workflow — {user.DisplayName}");
        var tasks = Policies.Allows(Policies.CanCompleteTasksOfOwnOrganisation, actor) ? await mediator.Send(new ListOpenTasks(actor, 1000), cancellationToken) : [];
        foreach (var task in tasks.Where(t => t.DueAt is not null))
        {
            var due = new CalDateTime(task.DueAt!.Value.UtcDateTime, "UTC");
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"task-{task.Id}@lsi-workflow",
                Summary = $"{(english ? "Task" : "Taak")}: {task.Title}",
                Description = task.Description,
                Start = due,
                End = due.AddMinutes(30),
                Url = new Uri($"{options.PublicBaseUrl.TrimEnd('/')}/tasks/{task.Id}"),
            });
        }
        if (Policies.Allows(Policies.CanViewMilestones, actor))
        {
            foreach (var milestone in (await mediator.Send(new ListMilestones(actor), cancellationToken)).Where(m => m.ActualOn is null))
            {
                var day = new CalDateTime(milestone.PlannedOn);
                calendar.Events.Add(new CalendarEvent
                {
                    Uid = $"milestone-{milestone.Id}@lsi-workflow",
                    Summary = $"{(english ? "Milestone" : "Mijlpaal")}: {milestone.Name}",
                    Start = day,
                    End = day.AddDays(1),
                });
            }
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
