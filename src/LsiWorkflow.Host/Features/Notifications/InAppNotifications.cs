using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Notifications;

public sealed record NotificationItem(Guid Id, string Subject, string Body, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

/// <summary>The actor's notifications, newest first.</summary>
[Allowed(Policies.SignedIn)]
public sealed record ListNotifications(Actor Actor, bool UnreadOnly = false, int Take = 100) : IQuery<IReadOnlyList<NotificationItem>>, IActorMessage;

public sealed class ListNotificationsHandler(LsiDbContext db) : IQueryHandler<ListNotifications, IReadOnlyList<NotificationItem>>
{
    public async ValueTask<IReadOnlyList<NotificationItem>> Handle(ListNotifications query, CancellationToken cancellationToken)
    {
        var mine = db.Set<UserNotification>().AsNoTracking().Where(n => n.UserName == query.Actor.UserName);
        if (query.UnreadOnly)
        {
            mine = mine.Where(n => n.ReadAt == null);
        }
        return await mine.OrderByDescending(n => n.CreatedAt).Take(Math.Clamp(query.Take, 1, 500))
            .Select(n => new NotificationItem(n.Id, n.Subject, n.Body, n.CreatedAt, n.ReadAt))
            .ToListAsync(cancellationToken);
    }
}

/// <summary>How many of the actor's notifications are unread (the number on the bell).</summary>
[Allowed(Policies.SignedIn)]
public sealed record CountUnreadNotifications(Actor Actor) : IQuery<int>, IActorMessage;

public sealed class CountUnreadNotificationsHandler(LsiDbContext db) : IQueryHandler<CountUnreadNotifications, int>
{
    public async ValueTask<int> Handle(CountUnreadNotifications query, CancellationToken cancellationToken) =>
        await db.Set<UserNotification>().CountAsync(n => n.UserName == query.Actor.UserName && n.ReadAt == null, cancellationToken);
}

/// <summary>Marks one of the actor's notifications read, or all of them when no id is given.</summary>
[Allowed(Policies.SignedIn)]
public sealed record MarkNotificationsRead(Guid? Id, Actor Actor) : ICommand<int>, IActorMessage;

public sealed class MarkNotificationsReadHandler(LsiDbContext db, TimeProvider time) : ICommandHandler<MarkNotificationsRead, int>
{
    public async ValueTask<int> Handle(MarkNotificationsRead command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var mine = db.Set<UserNotification>().Where(n => n.UserName == command.Actor.UserName && n.ReadAt == null);
        if (command.Id is { } id)
        {
            if (!await db.Set<UserNotification>().AnyAsync(n => n.Id == id && n.UserName == command.Actor.UserName, cancellationToken))
            {
                throw new NotFoundException($"Melding {id} bestaat niet.");
            }
            mine = mine.Where(n => n.Id == id);
        }
        return await mine.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }
}
