using System.Net;
using System.Net.Http.Json;
using LsiWorkflow.Host.Features.Notifications;
using LsiWorkflow.Host.Tests.Infrastructure;
using LsiWorkflow.Runtime.Persistence;
namespace LsiWorkflow.Host.Tests.Features.Notifications;

public sealed class DeadlineTests(HostFixture host) : InboxTest(host)
{
    [Fact]
    public async Task A_task_with_a_due_date_reminds_its_organisation_at_the_offsets_of_the_definition()
    {
        await PublishApprovalAsync("UWV", "SVB");
        var instanceId = await StartAsync("Wijkaanpak Zuid");
        var task = await TaskOfAsync(instanceId, "UWV");
        var start = Host.Factory.Clock.GetUtcNow();

        var timers = await TimersOfAsync(task.Id);
        Assert.Equal(
            [(TaskDeadlineKind.Reminder, start.AddDays(7)), (TaskDeadlineKind.Reminder, start.AddDays(12)), (TaskDeadlineKind.Due, start.AddDays(14)), (TaskDeadlineKind.Escalation, start.AddDays(15))],
            timers.Select(t => (t.TaskDeadline!.Value, t.DueAt)).ToList());

        // Counted by what arrived, not by who fired it: the host's own Hangfire server may fire a timer first.
        await AdvanceAndFireAsync(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.Empty(await NotificationsOfAsync(PartnerUwv));

        await AdvanceAndFireAsync(TimeSpan.FromMinutes(2)); // the UWV and the SVB reminder
        var reminder = Assert.Single(await NotificationsOfAsync(PartnerUwv));
        Assert.Equal($"Herinnering: taak 'Keur project Wijkaanpak Zuid goed' uiterlijk {NotificationTemplates.FormatMoment(task.DueAt, "nl")}", reminder.Subject);
        Assert.Contains($"/tasks/{task.Id}", reminder.Body, StringComparison.Ordinal);
        Assert.Contains("Goedkeuring inbox", reminder.Body, StringComparison.Ordinal);
        Assert.Equal(reminder.MessageId, timers[0].Id);
        var mail = await File.ReadAllTextAsync(await PickupFileAsync(reminder.MessageId));
        Assert.Contains("partner.uwv@test.lsi.local", mail, StringComparison.Ordinal);
        Assert.Single(await NotificationsOfAsync(PartnerSvb));
        Assert.Empty(await NotificationsOfAsync(PartnerInd));

        // Firing again is harmless: every timer fires once.
        await AdvanceAndFireAsync(TimeSpan.FromMinutes(1));
        Assert.Single(await NotificationsOfAsync(PartnerUwv));
    }

    [Fact]
    public async Task Changing_the_due_date_moves_the_pending_reminders_with_it()
    {
        await PublishApprovalAsync("UWV", "SVB");
        var instanceId = await StartAsync();
        var task = await TaskOfAsync(instanceId, "UWV");
        var before = await TimersOfAsync(task.Id);

        using var partner = await Host.ClientForAsync(PartnerUwv);
        await ReadAsync(await partner.PutAsJsonAsync($"/api/tasks/{task.Id}/due-date", new { dueAt = task.DueAt!.Value.AddDays(7) }), HttpStatusCode.Forbidden);
        using var secretary = await Host.ClientForAsync(Secretary);
        var changed = await ReadAsync(await secretary.PutAsJsonAsync($"/api/tasks/{task.Id}/due-date", new { dueAt = task.DueAt!.Value.AddDays(7) }), HttpStatusCode.OK);
        Assert.Equal(4, changed.GetProperty("deadlinesMoved").GetInt32());

        var after = await TimersOfAsync(task.Id);
        Assert.Equal(before.Select(t => t.DueAt.AddDays(7)), after.Select(t => t.DueAt));
        Assert.Equal(task.DueAt.Value.AddDays(7), (await TaskOfAsync(instanceId, "UWV")).DueAt);

        // On the old reminder day only SVB, whose task kept its date, is reminded.
        await AdvanceAndFireAsync(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        Assert.Empty(await NotificationsOfAsync(PartnerUwv));
        Assert.Single(await NotificationsOfAsync(PartnerSvb));

        await AdvanceAndFireAsync(TimeSpan.FromDays(7));
        Assert.Single(await NotificationsOfAsync(PartnerUwv));
    }

    [Fact]
    public async Task A_completed_task_gets_no_more_reminders_and_an_overdue_one_escalates_to_the_secretariat()
    {
        await PublishApprovalAsync("UWV", "SVB");
        var instanceId = await StartAsync();
        var uwvTask = await TaskOfAsync(instanceId, "UWV");
        var svbTask = await TaskOfAsync(instanceId, "SVB");

        using var partner = await Host.ClientForAsync(PartnerUwv);
        await ReadAsync(await partner.PostAsJsonAsync($"/api/tasks/{uwvTask.Id}/complete", new { outcome = "Goedkeuren" }), HttpStatusCode.OK);
        Assert.All(await TimersOfAsync(uwvTask.Id), t => Assert.Equal(TimerStatus.Cancelled, t.Status));

        await AdvanceAndFireAsync(TimeSpan.FromDays(15) + TimeSpan.FromMinutes(1));

        Assert.Empty(await NotificationsOfAsync(PartnerUwv));
        Assert.Equal(3, (await NotificationsOfAsync(PartnerSvb)).Count); // two reminders and the due-day notice
        var escalation = Assert.Single(await NotificationsOfAsync(Secretary));
        Assert.Equal("Escalatie: taak 'Keur project Wijkaanpak Zuid goed' is te laat", escalation.Subject);
        Assert.Contains("voor SVB", escalation.Body, StringComparison.Ordinal);
        Assert.Empty(await NotificationsOfAsync(SteeringMember));
        Assert.All(await TimersOfAsync(svbTask.Id), t => Assert.Equal(TimerStatus.Fired, t.Status));
    }

    [Fact]
    public async Task A_cancelled_instance_gets_no_more_reminders()
    {
        await PublishApprovalAsync("UWV");
        var instanceId = await StartAsync();
        var task = await TaskOfAsync(instanceId, "UWV");
        using var secretary = await Host.ClientForAsync(Secretary);
        await ReadAsync(await secretary.PostAsJsonAsync($"/api/instances/{instanceId}/cancel", new { reason = "Project ingetrokken" }), HttpStatusCode.OK);

        Assert.All(await TimersOfAsync(task.Id), t => Assert.Equal(TimerStatus.Cancelled, t.Status));
        await AdvanceAndFireAsync(TimeSpan.FromDays(16));
        Assert.Empty(await NotificationsOfAsync(PartnerUwv));
        Assert.Empty(await NotificationsOfAsync(Secretary));
    }
}
