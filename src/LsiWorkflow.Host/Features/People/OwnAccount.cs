using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.People;

public sealed record SessionView(Guid Id, SessionKind Kind, DateTimeOffset StartedAt, DateTimeOffset LastSeenAt, DateTimeOffset? ExpiresAt, string? Client, bool Current);

/// <summary>
/// A person changes their own password, the current one required. Every sign-in ends, this one too: a password
/// changed because it leaked must not leave a session of whoever used it.
/// </summary>
[Allowed(Policies.SignedIn)]
public sealed record ChangeOwnPassword(Actor Actor, string CurrentPassword, string NewPassword) : ICommand, IActorMessage;

/// <summary>The person's sign-ins that still stand: browsers and API tokens.</summary>
[Allowed(Policies.SignedIn)]
public sealed record ListOwnSessions(Actor Actor, Guid? CurrentSessionId) : IQuery<IReadOnlyList<SessionView>>, IActorMessage;

[Allowed(Policies.SignedIn)]
public sealed record EndOwnSession(Actor Actor, Guid SessionId) : ICommand, IActorMessage;

public sealed class ChangeOwnPasswordHandler(UserManager<LsiUser> users, AccountAccess access, PeopleAdministration people) : ICommandHandler<ChangeOwnPassword>
{
    public async ValueTask<Unit> Handle(ChangeOwnPassword command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var user = await users.FindByNameAsync(command.Actor.UserName) ?? throw new UnauthorizedException();
        if (!await users.CheckPasswordAsync(user, command.CurrentPassword ?? ""))
        {
            throw PeopleAdministration.Invalid("currentPassword", "Het huidige wachtwoord klopt niet.");
        }
        var result = await users.ChangePasswordAsync(user, command.CurrentPassword ?? "", command.NewPassword ?? "");
        if (!result.Succeeded)
        {
            throw PeopleAdministration.Invalid("newPassword", string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        await access.EndAllSessionsAsync(user, "password changed");
        await people.RecordAsync(command.Actor, "OwnPasswordChanged", user.Id, null, null, null);
        return Unit.Value;
    }
}

public sealed class ListOwnSessionsHandler(LsiDbContext db, TimeProvider clock) : IQueryHandler<ListOwnSessions, IReadOnlyList<SessionView>>
{
    /// <summary>A browser's cookie lasts this long after its last use (see the cookie settings).</summary>
    public static readonly TimeSpan BrowserIdle = TimeSpan.FromHours(8);

    public async ValueTask<IReadOnlyList<SessionView>> Handle(ListOwnSessions query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = clock.GetUtcNow();
        var idleSince = now - BrowserIdle;
        var userId = await db.Users.Where(u => u.UserName == query.Actor.UserName).Select(u => u.Id).SingleOrDefaultAsync(cancellationToken);
        var sessions = await db.Set<AccountSession>().AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAt == null)
            .Where(s => s.Kind == SessionKind.Token ? s.ExpiresAt > now : s.LastSeenAt > idleSince)
            .OrderByDescending(s => s.LastSeenAt)
            .ToListAsync(cancellationToken);
        return [.. sessions.Select(s => new SessionView(s.Id, s.Kind, s.StartedAt, s.LastSeenAt, s.ExpiresAt, s.Client, s.Id == query.CurrentSessionId))];
    }
}

public sealed class EndOwnSessionHandler(LsiDbContext db, TimeProvider clock, SessionCheck check) : ICommandHandler<EndOwnSession>
{
    public async ValueTask<Unit> Handle(EndOwnSession command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var userId = await db.Users.Where(u => u.UserName == command.Actor.UserName).Select(u => u.Id).SingleOrDefaultAsync(cancellationToken);
        var sessionId = command.SessionId;
        if (await AccountSessions.EndAsync(db, clock, s => s.Id == sessionId && s.UserId == userId, "ended by its owner") == 0)
        {
            throw new NotFoundException($"Sessie {sessionId} bestaat niet of is al beëindigd.");
        }
        check.Forget(userId);
        return Unit.Value;
    }
}
