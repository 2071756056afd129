using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Host.Features.Notifications;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Tests.Infrastructure;
using LsiWorkflow.Runtime.Outbox;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LsiWorkflow.Host.Tests.Features.Notifications;

/// <summary>
/// Mail is never dropped. The mail server is a <see cref="FakeSmtpServer"/> (outside our control, so mocked) and time
/// is the host's controllable clock: the server stays away for twelve attempts over about seven hours, more than the
/// ten attempts after which mail used to be left behind, and every mail arrives exactly once when it returns.
/// </summary>
public sealed class MailOutageTests(HostFixture host) : InboxTest(host)
{
    private const string Admin = "beheer";

    [Fact]
    public async Task Mail_is_retried_with_growing_delays_through_a_long_outage_and_delivered_once_when_the_server_returns()
    {
        await Host.CreateUserAsync(Admin, "SZW", Roles.Admin);
        await using var smtp = new FakeSmtpServer();
        var mail = Host.Factory.Services.GetRequiredService<MailOptions>();
        var options = Host.Factory.Services.GetRequiredService<OutboxOptions>();
        var (smtpHost, smtpPort) = (mail.SmtpHost, mail.SmtpPort);
        mail.SmtpHost = "127.0.0.1";
        mail.SmtpPort = smtp.Port; // nothing listens there yet: the server is down
        try
        {
            var ids = await AddNotificationsAsync(5);
            const int attemptsWhileDown = 12;
            for (var attempt = 1; attempt <= attemptsWhileDown; attempt++)
            {
                var wait = attempt == 1 ? TimeSpan.Zero : options.DelayAfter(attempt - 1);
                if (attempt > 1)
                {
                    // Just before the next attempt is due nothing is tried.
                    Host.Factory.Clock.Advance(wait - TimeSpan.FromSeconds(1));
                    await SweepAsync();
                    Assert.All(await OutboxAsync(ids), m => Assert.Equal(attempt - 1, m.Attempts));
                    Host.Factory.Clock.Advance(TimeSpan.FromSeconds(1));
                }
                await SweepAsync();
                await UntilAsync(async () => (await OutboxAsync(ids)).All(m => m.Attempts == attempt), $"attempt {attempt} of every message");
                var messages = await OutboxAsync(ids);
                Assert.All(messages, m => Assert.Null(m.DispatchedAt));
                Assert.All(messages, m => Assert.Equal(Host.Factory.Clock.GetUtcNow() + options.DelayAfter(attempt), m.NextAttemptAt));
                var warnings = (await NotificationsOfAsync(Admin)).Count;
                Assert.Equal(attempt >= options.WarnAfterAttempts ? ids.Count : 0, warnings);
            }
            Assert.Equal(TimeSpan.FromHours(1), options.DelayAfter(attemptsWhileDown));
            Assert.Empty(smtp.Received);

            // While mail waits longer than the threshold, readiness says so (degraded, still 200), and admins see the list.
            using (var anonymous = Host.CreateClient())
            {
                using var ready = await anonymous.GetAsync("/health/ready");
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
                Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());
            }
            using var admin = await Host.ClientForAsync(Admin);
            var undelivered = await admin.GetFromJsonAsync<JsonElement>("/api/outbox/undelivered");
            Assert.Equal(ids.Order(), undelivered.EnumerateArray().Select(m => m.GetProperty("id").GetGuid()).Order());
            Assert.All(undelivered.EnumerateArray(), m => Assert.Equal(attemptsWhileDown, m.GetProperty("attempts").GetInt32()));

            smtp.Start();
            Host.Factory.Clock.Advance(TimeSpan.FromHours(1));
            await SweepAsync();
            await UntilAsync(async () => (await OutboxAsync(ids)).All(m => m.DispatchedAt is not null), "delivery after the server returned");
            // Later sweeps send nothing again.
            Host.Factory.Clock.Advance(TimeSpan.FromHours(2));
            await SweepAsync();

            var expected = ids.Select(id => $"<{NoticeIdOf(id):N}@lsi-workflow>").Order().ToList();
            Assert.Equal(expected, smtp.MessageIds().Order().ToList());
            Assert.Equal(ids.Count, (await NotificationsOfAsync(PartnerUwv)).Count);
            using (var anonymous = Host.CreateClient())
            {
                Assert.Equal("Healthy", await anonymous.GetStringAsync("/health/ready"));
            }
        }
        finally
        {
            (mail.SmtpHost, mail.SmtpPort) = (smtpHost, smtpPort);
        }
    }

    [Fact]
    public async Task An_admin_gives_up_on_a_message_by_hand_and_it_is_never_tried_again()
    {
        await Host.CreateUserAsync(Admin, "SZW", Roles.Admin);
        var mail = Host.Factory.Services.GetRequiredService<MailOptions>();
        await using var smtp = new FakeSmtpServer();
        var (smtpHost, smtpPort) = (mail.SmtpHost, mail.SmtpPort);
        (mail.SmtpHost, mail.SmtpPort) = ("127.0.0.1", smtp.Port);
        try
        {
            var ids = await AddNotificationsAsync(2);
            await SweepAsync();
            await UntilAsync(async () => (await OutboxAsync(ids)).All(m => m.Attempts == 1), "a failed attempt");

            using var admin = await Host.ClientForAsync(Admin);
            using var empty = await admin.PostAsJsonAsync($"/api/outbox/{ids[0]}/abandon", new { reason = " " });
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
            using var partner = await Host.ClientForAsync(PartnerUwv);
            using var refused = await partner.PostAsJsonAsync($"/api/outbox/{ids[0]}/abandon", new { reason = "weg ermee" });
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            using var given = await admin.PostAsJsonAsync($"/api/outbox/{ids[0]}/abandon", new { reason = "Adres bestaat niet meer" });
            Assert.Equal(HttpStatusCode.OK, given.StatusCode);
            using var unknown = await admin.PostAsJsonAsync($"/api/outbox/{Guid.NewGuid()}/abandon", new { reason = "x" });
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

            smtp.Start();
            Host.Factory.Clock.Advance(TimeSpan.FromHours(1));
            await SweepAsync();
            await UntilAsync(async () => (await OutboxAsync([ids[1]])).Single().DispatchedAt is not null, "the other message's delivery");
            var abandoned = (await OutboxAsync([ids[0]])).Single();
            Assert.Null(abandoned.DispatchedAt);
            Assert.Equal(1, abandoned.Attempts);
            Assert.Equal(Admin, abandoned.AbandonedBy);
            Assert.Equal([$"<{NoticeIdOf(ids[1]):N}@lsi-workflow>"], smtp.MessageIds());
            var audit = await DbAsync(db => db.Set<LsiWorkflow.Domain.AuditEntry>().AsNoTracking().Where(a => a.SubjectId == ids[0]).ToListAsync());
            Assert.Equal("OutboxMessageAbandoned", Assert.Single(audit).Action);
            Assert.Equal(Admin, audit[0].ActorUserName);
            Assert.Equal("Adres bestaat niet meer", audit[0].Why);
        }
        finally
        {
            (mail.SmtpHost, mail.SmtpPort) = (smtpHost, smtpPort);
        }
    }

    /// <summary>Outbox messages as a burst writes them for a workflow's notification to partner.uwv.</summary>
    private async Task<List<Guid>> AddNotificationsAsync(int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        await DbAsync(async db =>
        {
            foreach (var id in ids)
            {
                WorkflowEffect effect = new NotificationRequested(NoticeIdOf(id), [], [], [PartnerUwv], $"Melding {id:N}", "Een melding.");
                db.Add(new OutboxMessage
                {
                    Id = id,
                    Kind = OutboxKinds.Notification,
                    Payload = JsonSerializer.Serialize(effect, WorkflowState.JsonOptions),
                    CreatedAt = Host.Factory.Clock.GetUtcNow(),
                });
            }
            return await db.SaveChangesAsync();
        });
        return ids;
    }

    private static Guid NoticeIdOf(Guid outboxId) => new(outboxId.ToByteArray().Reverse().ToArray());

    private Task<List<OutboxMessage>> OutboxAsync(IReadOnlyList<Guid> ids) =>
        DbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync());

    /// <summary>What the minutely sweep does with the outbox (Hangfire's own sweep may take a message first; the row lock keeps that to one).</summary>
    private Task SweepAsync() => Host.InScopeAsync(async services =>
    {
        await services.GetRequiredService<OutboxDispatcher>().DispatchStaleAsync(TimeSpan.Zero, CancellationToken.None);
        return true;
    });

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }
}
