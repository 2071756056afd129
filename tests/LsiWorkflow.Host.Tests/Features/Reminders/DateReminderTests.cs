using System.Net;
using System.Net.Http.Json;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Commitments;
using LsiWorkflow.Host.Features.Milestones;
using LsiWorkflow.Host.Features.Reminders;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Host.Tests.Infrastructure;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LsiWorkflow.Host.Tests.Features.Reminders;

/// <summary>Milestones and commitments to parliament remind the secretariat (or a project's organisations) before their date.</summary>
public sealed class DateReminderTests(HostFixture host) : InboxTest(host)
{
    private static readonly TimeZoneInfo Dutch = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    [Fact]
    public async Task A_milestone_is_reminded_14_and_3_days_before_and_on_its_date_and_the_reminders_move_with_the_date()
    {
        var today = Today();
        var planned = today.AddDays(30);
        var milestone = new Milestone("Rapport focusgroep naar de Kamer", planned, MilestoneSubject.CovenantCycle, Guid.NewGuid());
        await DbAsync(db => { db.Add(milestone); return db.SaveChangesAsync(); });
        await PlanAsync();
        await PlanAsync(); // planning twice plans once

        Assert.Equal([NineOn(planned.AddDays(-14)), NineOn(planned.AddDays(-3)), NineOn(planned)], (await PendingAsync(milestone.Id)).Select(r => r.DueAt));

        using var secretary = await Host.ClientForAsync(Secretary);
        var moved = planned.AddDays(7);
        await ReadAsync(await secretary.PutAsJsonAsync($"/api/milestones/{milestone.Id}/planned-on", new { plannedOn = moved, reason = "Kamer vraagt uitstel" }), HttpStatusCode.OK);
        Assert.Equal([NineOn(moved.AddDays(-14)), NineOn(moved.AddDays(-3)), NineOn(moved)], (await PendingAsync(milestone.Id)).Select(r => r.DueAt));

        // Nothing on the old reminder day; the secretariat hears on the new one, in its words.
        await AdvanceToAsync(NineOn(planned.AddDays(-14)).AddMinutes(1));
        Assert.Empty(await NotificationsOfAsync(Secretary));
        await AdvanceToAsync(NineOn(moved.AddDays(-14)).AddMinutes(1));
        var reminder = Assert.Single(await NotificationsOfAsync(Secretary));
        Assert.StartsWith("Herinnering: mijlpaal 'Rapport focusgroep naar de Kamer' over 14 dagen", reminder.Subject, StringComparison.Ordinal);
        Assert.Empty(await NotificationsOfAsync(PartnerUwv));

        // Reached: no reminder after that, and its date no longer moves. (The clock has moved past the
        // client's token, so the use cases are called directly.)
        await SendAsync(m => m.Send(new RecordMilestoneReached(SecretaryActor, milestone.Id, null, "Verstuurd")).AsTask());
        Assert.Empty(await PendingAsync(milestone.Id));
        await AdvanceToAsync(NineOn(moved).AddHours(1));
        Assert.Single(await NotificationsOfAsync(Secretary));
        await Assert.ThrowsAsync<ConflictException>(() => SendAsync(m => m.Send(new ReplanMilestone(SecretaryActor, milestone.Id, moved.AddDays(30), null)).AsTask()));
    }

    [Fact]
    public async Task A_commitment_is_reminded_before_its_due_date_and_not_after_it_is_fulfilled()
    {
        var today = Today();
        var due = today.AddDays(10);
        var commitment = new Commitment("Vervolgonderzoek starten voor het einde van het jaar", "Kamerbrief evaluatie convenant LSI", due);
        await DbAsync(db => { db.Add(commitment); return db.SaveChangesAsync(); });
        await PlanAsync();
        // The 14-day moment has passed already: only what lies ahead is planned.
        Assert.Equal([NineOn(due.AddDays(-3)), NineOn(due)], (await PendingAsync(commitment.Id)).Select(r => r.DueAt));

        using var secretary = await Host.ClientForAsync(Secretary);
        using var partner = await Host.ClientForAsync(PartnerUwv);
        await ReadAsync(await partner.PutAsJsonAsync($"/api/commitments/{commitment.Id}/due-on", new { dueOn = due.AddDays(5) }), HttpStatusCode.Forbidden);
        await ReadAsync(await secretary.PutAsJsonAsync($"/api/commitments/{commitment.Id}/due-on", new { dueOn = due.AddDays(20), reason = "Kamer akkoord met uitstel" }), HttpStatusCode.OK);
        var newDue = due.AddDays(20);
        Assert.Equal([NineOn(newDue.AddDays(-14)), NineOn(newDue.AddDays(-3)), NineOn(newDue)], (await PendingAsync(commitment.Id)).Select(r => r.DueAt));

        await AdvanceToAsync(NineOn(newDue.AddDays(-14)).AddMinutes(1));
        var reminder = Assert.Single(await NotificationsOfAsync(Secretary));
        Assert.StartsWith("Herinnering: toezegging aan de Kamer 'Vervolgonderzoek starten voor het einde van het jaar' over 14 dagen", reminder.Subject, StringComparison.Ordinal);
        Assert.Contains("/commitments", reminder.Body, StringComparison.Ordinal);

        await SendAsync(m => m.Send(new FulfilCommitment(SecretaryActor, commitment.Id, null, "Gestart", "Het onderzoek is gestart.")).AsTask());
        await AdvanceToAsync(NineOn(newDue).AddHours(1));
        Assert.Single(await NotificationsOfAsync(Secretary));
        Assert.Empty(await PendingAsync(commitment.Id));
    }

    private DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Host.Factory.Clock.GetUtcNow(), Dutch).DateTime);

    private static DateTimeOffset NineOn(DateOnly day)
    {
        var local = day.ToDateTime(new TimeOnly(9, 0));
        return new DateTimeOffset(local, Dutch.GetUtcOffset(local)).ToUniversalTime();
    }

    private Task PlanAsync() => Host.InScopeAsync(async services =>
    {
        await services.GetRequiredService<DateReminders>().PlanAsync(null, CancellationToken.None);
        return true;
    });

    private Task<List<DateReminder>> PendingAsync(Guid subjectId) => DbAsync(db => db.Set<DateReminder>().AsNoTracking()
        .Where(r => r.SubjectId == subjectId && r.Status == TimerStatus.Pending).OrderBy(r => r.DueAt).ToListAsync());

    private Task AdvanceToAsync(DateTimeOffset moment) => AdvanceAndFireAsync(moment - Host.Factory.Clock.GetUtcNow());
}
