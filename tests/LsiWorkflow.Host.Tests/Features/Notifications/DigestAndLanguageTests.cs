using System.Net;
using System.Net.Http.Json;
using LsiWorkflow.Host.Features.Notifications;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LsiWorkflow.Host.Tests.Features.Notifications;

/// <summary>A person may take one digest mail a day instead of a mail per reminder, and read notifications in English.</summary>
public sealed class DigestAndLanguageTests(HostFixture host) : InboxTest(host)
{
    [Fact]
    public async Task A_person_with_a_daily_digest_gets_one_mail_a_day_listing_their_reminders_instead_of_one_each()
    {
        using var partner = await Host.ClientForAsync(PartnerUwv);
        var settings = await ReadAsync(await partner.GetAsync("/api/notifications/settings"), HttpStatusCode.OK);
        Assert.False(settings.GetProperty("dailyDigest").GetBoolean());
        await ReadAsync(await partner.PutAsJsonAsync("/api/notifications/settings", new { language = "nl", dailyDigest = true }), HttpStatusCode.OK);
        await ReadAsync(await partner.PutAsJsonAsync("/api/notifications/settings", new { language = "fr", dailyDigest = true }), HttpStatusCode.BadRequest);

        await PublishApprovalAsync("UWV", "SVB");
        await StartAsync("Wijkaanpak Zuid");
        await StartAsync("Fenomeen Noord");
        await AdvanceAndFireAsync(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1)); // the first reminders of both tasks

        var lines = await NotificationsOfAsync(PartnerUwv);
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.True(l.DigestPending));
        // The mail of each reminder went to the UWV colleague only; the SVB partner is not affected.
        foreach (var line in lines)
        {
            var mail = await File.ReadAllTextAsync(await PickupFileAsync(line.MessageId));
            Assert.DoesNotContain("partner.uwv@", mail, StringComparison.Ordinal);
            Assert.Contains("collega.uwv@", mail, StringComparison.Ordinal);
        }
        Assert.All(await NotificationsOfAsync(ColleagueUwv), l => Assert.False(l.DigestPending));

        // The next digest moment: one mail with both reminders, and the lines are no longer waiting.
        var moment = DailyDigest.LatestMoment(Host.Factory.Clock.GetUtcNow()).AddDays(1);
        await DigestAtAsync(moment.AddMinutes(1));
        var digest = await File.ReadAllTextAsync(await PickupFileAsync(DailyDigest.MessageId(PartnerUwv, moment)));
        Assert.Contains("Dagoverzicht LSI Workflow: 2 meldingen", digest, StringComparison.Ordinal);
        Assert.Contains("partner.uwv@test.lsi.local", digest, StringComparison.Ordinal);
        foreach (var line in lines)
        {
            Assert.Contains(line.Subject[..40], digest, StringComparison.Ordinal);
        }
        Assert.All(await NotificationsOfAsync(PartnerUwv), l => Assert.False(l.DigestPending));

        // Sending again the same day adds nothing; the next day has nothing to tell.
        await DigestAtAsync(moment.AddMinutes(2));
        await DigestAtAsync(moment.AddDays(1).AddMinutes(1));
        Assert.False(File.Exists(await PickupFileAsync(DailyDigest.MessageId(PartnerUwv, moment.AddDays(1)))));
        Assert.False(File.Exists(await PickupFileAsync(DailyDigest.MessageId(ColleagueUwv, moment))));
    }

    [Fact]
    public async Task Each_person_reads_their_notifications_in_the_language_they_chose()
    {
        using var colleague = await Host.ClientForAsync(ColleagueUwv);
        await ReadAsync(await colleague.PutAsJsonAsync("/api/notifications/settings", new { language = "en", dailyDigest = false }), HttpStatusCode.OK);
        Assert.Equal("en", (await ReadAsync(await colleague.GetAsync("/api/notifications/settings"), HttpStatusCode.OK)).GetProperty("language").GetString());

        await PublishApprovalAsync("UWV");
        var instanceId = await StartAsync("Wijkaanpak Zuid");
        var task = await TaskOfAsync(instanceId, "UWV");
        await AdvanceAndFireAsync(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        var dutch = Assert.Single(await NotificationsOfAsync(PartnerUwv));
        var english = Assert.Single(await NotificationsOfAsync(ColleagueUwv));
        Assert.StartsWith("Herinnering: taak 'Keur project Wijkaanpak Zuid goed'", dutch.Subject, StringComparison.Ordinal);
        Assert.Equal($"Reminder: task 'Keur project Wijkaanpak Zuid goed' due {NotificationTemplates.FormatMoment(task.DueAt, "en")}", english.Subject);
        Assert.Equal(dutch.MessageId, english.MessageId);
        var dutchMail = await File.ReadAllTextAsync(await PickupFileAsync(dutch.MessageId));
        Assert.Contains("partner.uwv@", dutchMail, StringComparison.Ordinal);
        Assert.DoesNotContain("collega.uwv@", dutchMail, StringComparison.Ordinal);
        var englishFile = (await PickupFileAsync(dutch.MessageId)).Replace(".eml", ".en.eml", StringComparison.Ordinal);
        var englishMail = await File.ReadAllTextAsync(englishFile);
        Assert.Contains("collega.uwv@", englishMail, StringComparison.Ordinal);
        Assert.Contains("Dear colleague", englishMail, StringComparison.Ordinal);
    }

    private async Task DigestAtAsync(DateTimeOffset moment)
    {
        Host.Factory.Clock.AdjustTime(moment);
        await Host.InScopeAsync(services => services.GetRequiredService<DailyDigest>().SendDueAsync(CancellationToken.None));
    }
}
