using System.Collections.Concurrent;
using System.Security.Claims;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LsiWorkflow.Host.Features.Accounts;

/// <summary>
/// Whether a sign-in (cookie or bearer token) still stands: its session has not ended or expired, the account
/// exists, is not disabled and has the security stamp the sign-in was made with (a new password, other roles or
/// another organisation change the stamp). The answer is read from the database, so it holds on every node; a node
/// trusts it for <see cref="AccountOptions.SessionCheckInterval"/>, and forgets it at once for an account it changes.
/// A lockout after wrong passwords is deliberately not checked: it blocks new sign-ins only, so whoever types wrong
/// passwords cannot sign a person out.
/// </summary>
public sealed class SessionCheck(IServiceScopeFactory scopes, TimeProvider clock, IOptions<AccountOptions> options, IOptions<IdentityOptions> identity)
{
    private readonly ConcurrentDictionary<Guid, (Guid UserId, DateTimeOffset CheckedAt)> confirmed = new();

    public static Guid? SessionId(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(LsiClaimTypes.Session), out var id) ? id : null;

    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, bool fresh = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true)
        {
            return true; // nothing to end
        }
        if (SessionId(principal) is not { } sessionId)
        {
            return false; // made before sessions were recorded, or not by us
        }
        var now = clock.GetUtcNow();
        if (!fresh && confirmed.TryGetValue(sessionId, out var seen) && now - seen.CheckedAt < options.Value.SessionCheckInterval)
        {
            return true;
        }
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LsiDbContext>();
        var found = await (
                from s in db.Set<AccountSession>()
                join u in db.Users on s.UserId equals u.Id
                where s.Id == sessionId
                select new { s.UserId, s.EndedAt, s.ExpiresAt, u.DisabledAt, u.SecurityStamp })
            .AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var current = found is not null && found.EndedAt is null && found.DisabledAt is null
            && (found.ExpiresAt is null || found.ExpiresAt > now)
            && string.Equals(found.SecurityStamp, stamp, StringComparison.Ordinal);
        if (!current)
        {
            confirmed.TryRemove(sessionId, out _);
            return false;
        }
        confirmed[sessionId] = (found!.UserId, now);
        await db.Set<AccountSession>().Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), cancellationToken);
        return true;
    }

    /// <summary>Called by this node after it ended one session.</summary>
    public void ForgetSession(Guid sessionId) => confirmed.TryRemove(sessionId, out _);

    /// <summary>Called by this node after it changed an account: its sessions are checked again at their next request.</summary>
    public void Forget(Guid userId)
    {
        foreach (var (sessionId, seen) in confirmed)
        {
            if (seen.UserId == userId)
            {
                confirmed.TryRemove(sessionId, out _);
            }
        }
    }
}
