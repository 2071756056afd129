using System.Net;
using LsiWorkflow.Host.Tests.Infrastructure;
namespace LsiWorkflow.Host.Tests.Features.Calendar;

public sealed class NotificationAndCalendarTests(HostFixture host) : InboxTest(host)
{
    [Fact]
    public async Task Reminders_show_up_as_unread_notifications_that_can_be_marked_read()
    {
        await PublishApprovalAsync("UWV");
        await StartAsync();
        await AdvanceAndFireAsync(TimeSpan.FromDays(13)); // both reminders
        using var partner = await Host.ClientForAsync(PartnerUwv);

        Assert.Equal(2, (await ReadAsync(await partner.GetAsync("/api/notifications/unread-count"), HttpStatusCode.OK)).GetInt32());
        var list = await ReadAsync(await partner.GetAsync("/api/notifications"), HttpStatusCode.OK);
        var first = list.EnumerateArray().First().GetProperty("id").GetGuid();
        using var colleague = await Host.ClientForAsync(PartnerInd);
        await ReadAsync(await colleague.PostAsync($"/api/notifications/{first}/read", null), HttpStatusCode.NotFound);

        await ReadAsync(await partner.PostAsync($"/api/notifications/{first}/read", null), HttpStatusCode.OK);
        Assert.Equal(1, (await ReadAsync(await partner.GetAsync("/api/notifications/unread-count"), HttpStatusCode.OK)).GetInt32());
        await ReadAsync(await partner.PostAsync("/api/notifications/read", null), HttpStatusCode.OK);
        Assert.Equal(0, (await ReadAsync(await partner.GetAsync("/api/notifications?unreadOnly=true"), HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task The_calendar_feed_lists_open_tasks_behind_a_secret_that_can_be_replaced_and_revoked()
    {
        await PublishApprovalAsync("UWV");
        var task = await TaskOfAsync(await StartAsync("Wijkaanpak Zuid"), "UWV");
        using var partner = await Host.ClientForAsync(PartnerUwv);
        using var anonymous = Host.CreateClient();

        var first = await ReadAsync(await partner.PostAsync("/api/calendar/token", null), HttpStatusCode.OK);
        var firstPath = new Uri(first.GetProperty("url").GetString()!).AbsolutePath;
        var response = await anonymous.GetAsync(firstPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var ics = await response.Content.ReadAsStringAsync();
        Assert.Contains("BEGIN:VCALENDAR", ics, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Taak: Keur project Wijkaanpak Zuid goed", ics, StringComparison.Ordinal);
        Assert.Contains($"UID:task-{task.Id}@lsi-workflow", ics, StringComparison.Ordinal);
        Assert.Contains($"DTSTART:{task.DueAt!.Value.UtcDateTime:yyyyMMdd'T'HHmmss}Z", ics, StringComparison.Ordinal);

        // Another partner's feed does not show UWV's task.
        using var ind = await Host.ClientForAsync(PartnerInd);
        var indFeed = await ReadAsync(await ind.PostAsync("/api/calendar/token", null), HttpStatusCode.OK);
        Assert.DoesNotContain("Keur project", await anonymous.GetStringAsync(new Uri(indFeed.GetProperty("url").GetString()!).AbsolutePath), StringComparison.Ordinal);

        var second = await ReadAsync(await partner.PostAsync("/api/calendar/token", null), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(firstPath)).StatusCode);
        var secondPath = new Uri(second.GetProperty("url").GetString()!).AbsolutePath;
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(secondPath)).StatusCode);

        await ReadAsync(await partner.DeleteAsync("/api/calendar/token"), HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(secondPath)).StatusCode);
        Assert.False((await ReadAsync(await partner.GetAsync("/api/calendar"), HttpStatusCode.OK)).GetProperty("active").GetBoolean());
    }
}
