using System.Security.Cryptography;
using System.Text;
using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Runtime.Scheduling;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Scriban.Runtime;

namespace LsiWorkflow.Host.Features.Notifications;

/// <summary>
/// One mail a day for people who chose a digest: at seven in the morning Dutch time, everything that reached
/// their in-app list since the previous digest, in their language. Each person's digest is one transaction:
/// their waiting lines are locked, the mail is written and the lines marked sent together. The mail's id comes
/// from the person and the day, so a repeat after a crash replaces the same mail.
/// </summary>
public sealed class DailyDigest(
    IDbContextFactory<LsiDbContext> contexts,
    UserManager<LsiUser> users,
    NotificationTemplates templates,
    MailWriter writer,
    MailOptions options,
    TimeProvider time,
    ILogger<DailyDigest> log) : ISweepStep
{
    Task ISweepStep.RunAsync(CancellationToken ct) => SendDueAsync(ct);

    public static readonly TimeOnly At = new(7, 0);

    /// <summary>Sends the digests that are due: lines from before the latest digest moment; returns how many people got one.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var moment = LatestMoment(time.GetUtcNow());
        List<string> people;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            people = await db.Set<UserNotification>().AsNoTracking()
                .Where(n => n.DigestPending && n.CreatedAt < moment)
                .Select(n => n.UserName).Distinct().ToListAsync(ct);
        }
        var sent = 0;
        foreach (var userName in people)
        {
            try
            {
                sent += await SendAsync(userName, moment, ct) ? 1 : 0;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The lines stay waiting; the next sweep tries again.
                log.LogError(ex, "The daily digest of {UserName} could not be sent", userName);
            }
        }
        return sent;
    }

    /// <summary>Today's digest moment if it has passed, else yesterday's.</summary>
    public static DateTimeOffset LatestMoment(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, NotificationTemplates.Dutch);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (TimeOnly.FromDateTime(local.DateTime) < At)
        {
            day = day.AddDays(-1);
        }
        var moment = day.ToDateTime(At);
        return new DateTimeOffset(moment, NotificationTemplates.Dutch.GetUtcOffset(moment)).ToUniversalTime();
    }

    /// <summary>The id of a person's digest of one day: the same on every try.</summary>
#pragma warning disable CA5351 // not a security use: a stable id (ids of digests already sent must not change)
    public static Guid MessageId(string userName, DateTimeOffset moment) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes($"digest|{userName}|{moment:yyyy-MM-dd}")));
#pragma warning restore CA5351

    private async Task<bool> SendAsync(string userName, DateTimeOffset moment, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var lines = await db.Set<UserNotification>()
            .FromSqlInterpolated($"""
                select * from lsi.inbox_notifications
                where user_name = {userName} and digest_pending and created_at < {moment}
                order by created_at for update skip locked
                """)
            .AsNoTracking().ToListAsync(ct);
        if (lines.Count == 0)
        {
            return false;
        }
        var user = await users.FindByNameAsync(userName);
        if (user?.Email is { Length: > 0 } email)
        {
            var language = NotificationSettingsView.Of(
                await db.Set<NotificationSettings>().AsNoTracking().SingleOrDefaultAsync(s => s.UserName == userName, ct), options).Language;
            var text = templates.Render(NotificationTemplates.DailyDigest, language, Model(user.DisplayName, lines, language, options.PublicBaseUrl));
            var id = MessageId(userName, moment);
            var failed = await writer.SendAsync([new OutgoingMail(id, $"{id:N}", [new MailboxAddress(user.DisplayName, email)], text)], ct);
            if (failed.Count > 0)
            {
                throw failed.Values.First();
            }
        }
        var ids = lines.Select(l => l.Id).ToList();
        await db.Set<UserNotification>().Where(n => ids.Contains(n.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.DigestPending, false), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>What the digest template sees: <c>digest.name</c>, <c>digest.count</c>, <c>digest.url</c> and <c>digest.lines</c> (subject, at).</summary>
    public static ScriptObject Model(string name, IReadOnlyList<UserNotification> lines, string language, string baseUrl)
    {
        var items = new ScriptArray();
        foreach (var line in lines)
        {
            items.Add(new ScriptObject { ["subject"] = line.Subject, ["at"] = NotificationTemplates.FormatMoment(line.CreatedAt, language) });
        }
        return new ScriptObject
        {
            ["digest"] = new ScriptObject
            {
                ["name"] = name,
                ["count"] = lines.Count,
                ["url"] = $"{baseUrl.TrimEnd('/')}/notifications",
                ["lines"] = items,
            },
        };
    }
}
