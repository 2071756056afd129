using LsiWorkflow.Host.Shared.Persistence;
using Microsoft.AspNetCore.Identity;

namespace LsiWorkflow.Host.Features.Accounts;

/// <summary>Ends every sign-in of a person: a new security stamp, their sessions ended, this node's trust in them dropped.</summary>
public sealed class AccountAccess(UserManager<LsiUser> users, LsiDbContext db, TimeProvider clock, SessionCheck sessions)
{
    public async Task EndAllSessionsAsync(LsiUser user, string because)
    {
        ArgumentNullException.ThrowIfNull(user);
        Check(await users.UpdateSecurityStampAsync(user));
        await AccountSessions.EndAsync(db, clock, s => s.UserId == user.Id, because);
        sessions.Forget(user.Id);
    }

    public static void Check(IdentityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Succeeded)
        {
            throw new Shared.UseCases.InvalidRequestException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
