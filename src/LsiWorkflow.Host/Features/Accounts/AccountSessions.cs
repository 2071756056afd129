using System.Linq.Expressions;
using LsiWorkflow.Host.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Accounts;

public static class AccountSessions
{
    /// <summary>Ends the open sessions that match, saying why; returns how many.</summary>
    public static Task<int> EndAsync(LsiDbContext db, TimeProvider clock, Expression<Func<AccountSession, bool>> which, string because)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        return db.Set<AccountSession>().Where(which).Where(s => s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndedBecause, because));
    }
}
