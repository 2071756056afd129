using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Features.Notifications;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Runtime.Persistence;
using LsiWorkflow.Runtime.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Retention;

/// <summary>What one purge removed.</summary>
public sealed record Purged(int Notifications, int OutboxMessages, int PickupMails, int SignInRecords);

/// <summary>
/// Removes personal data past its period (<see cref="RetentionOptions"/>): in-app notifications, carried-out outbox
/// messages, pickup mails and sign-in records. A step of the minutely sweep that does its work at most once per
/// <see cref="RetentionOptions.Interval"/> per process; on several nodes the deletes simply find nothing left.
/// Hangfire's job history expires by its own setting (<c>Retention:JobHistory</c>, see the runtime).
/// </summary>
public sealed class PersonalDataRetention(
    LsiDbContext db, RetentionOptions options, MailWriter mail, TimeProvider time, ILogger<PersonalDataRetention> log) : ISweepStep
{
    private static long nextRunTicks;

    public async Task RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var next = Interlocked.Read(ref nextRunTicks);
        if (!options.Enabled || now.UtcTicks < next || Interlocked.CompareExchange(ref nextRunTicks, (now + options.Interval).UtcTicks, next) != next)
        {
            return;
        }
        await PurgeAsync(ct);
    }

    public async Task<Purged> PurgeAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var notificationsBefore = now - options.Notifications;
        var outboxBefore = now - options.DeliveredOutbox;
        var notifications = await db.Set<UserNotification>().Where(n => n.CreatedAt < notificationsBefore).ExecuteDeleteAsync(ct);
        var outbox = await db.Set<OutboxMessage>().Where(m => m.DispatchedAt != null && m.DispatchedAt < outboxBefore).ExecuteDeleteAsync(ct);
        var mails = PurgePickupFolder((now - options.PickupMails).UtcDateTime);
        // A session unused this long has long passed its cookie's or token's lifetime: removing it signs nobody out.
        var sessionsBefore = now - options.SignInRecords;
        var sessions = await db.Set<AccountSession>()
            .Where(s => s.EndedAt < sessionsBefore || s.ExpiresAt < sessionsBefore || s.LastSeenAt < sessionsBefore)
            .ExecuteDeleteAsync(ct);
        if (notifications + outbox + mails + sessions > 0)
        {
            log.LogInformation("Retention removed {Notifications} notifications, {Outbox} outbox messages, {Mails} pickup mails and {Sessions} sign-in records",
                notifications, outbox, mails, sessions);
        }
        return new(notifications, outbox, mails, sessions);
    }

    private int PurgePickupFolder(DateTime before)
    {
        var folder = new DirectoryInfo(mail.PickupFolder);
        if (!folder.Exists)
        {
            return 0;
        }
        var removed = 0;
        foreach (var file in folder.EnumerateFiles("*.eml").Where(f => f.LastWriteTimeUtc < before))
        {
            try
            {
                file.Delete();
                removed++;
            }
            catch (IOException)
            {
                // Taken by another node or a reader at this moment: the next run removes it.
            }
        }
        return removed;
    }
}
