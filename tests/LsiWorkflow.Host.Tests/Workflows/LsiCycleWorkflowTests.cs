using System.Net;
using LsiWorkflow.Domain;
using LsiWorkflow.Domain.Seed;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Host.Features.Publications;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Host.Tests.Infrastructure;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LsiWorkflow.Host.Tests.Workflows;

/// <summary>The evaluation cycle, the multi-year plan, DPIA adoption and commitment tracking, end to end on the real host.</summary>
public sealed class LsiCycleWorkflowTests(HostFixture host) : WorkflowTest(host)
{
    [Fact]
    public async Task The_convenant_evaluation_starts_on_its_five_yearly_date_runs_to_a_published_convenant_and_schedules_the_next()
    {
        var due = (await NextEvaluationStartAsync()).DueAt;
        var local = TimeZoneInfo.ConvertTime(due, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"));
        Assert.Equal((7, 1, 0, 2), (local.Month, local.Day, local.Hour, local.Year % 5));
        await AdvanceToAsync(due.AddMinutes(1));
        var instanceId = Assert.Single(await InstancesOfAsync("covenant-evaluation")).Id;

        await CompleteAsync(instanceId, "plan", "Gepland", new { evaluator = "Regioplan", focusPoints = "Privacy\nNon-discriminatie" });
        await CompleteAsync(instanceId, "commission", "Opdracht verleend");
        await CompleteAsync(instanceId, "report", "Ontvangen", new { reportReference = "Evaluatie LSI 2022-2027" });
        var discussed = await CompleteAsync(instanceId, "discuss", "Besproken");
        await CompleteAsync(instanceId, "register", "Vastgelegd", new { recommendations = "1 Versterk de sturing\r\n2a Gezamenlijke DPIA" });
        await CompleteAsync(instanceId, "follow_up", "Vastgelegd", new { action = "Sturing herijken", owner = Organisations.Szw, dueDate = "2028-01-01" });
        await CompleteAsync(instanceId, "follow_up", "Vastgelegd", new { action = "DPIA vernieuwen", owner = Organisations.Uwv, dueDate = "2028-03-01" });
        var signed = await CompleteAsync(instanceId, "sign", "Ondertekend");

        Assert.True((await StateAsync(instanceId)).Status == WorkflowStatus.Finished, await DescribeAsync(instanceId));
        Assert.Equal(Partners.Order(), discussed.Select(t => t.Organisation!).Order());
        Assert.Equal(Partners.Append(Organisations.Szw).Order(), signed.Select(t => t.Organisation!).Order());
        // One tracked follow-up per recommendation, each a task for its owner.
        var followUps = await InstancesOfAsync("commitment-tracking");
        Assert.Equal(2, followUps.Count);
        Assert.All(followUps, f => Assert.Equal(instanceId, f.ParentInstanceId));
        var owners = await Host.InScopeAsync(services => services.GetRequiredService<LsiDbContext>().Set<TaskRecord>().AsNoTracking()
            .Where(t => t.DefinitionId == "commitment-tracking").OrderBy(t => t.DueAt).Select(t => new { t.Organisation, t.Title }).ToListAsync());
        Assert.Equal([(Organisations.Szw, "Sturing herijken"), (Organisations.Uwv, "DPIA vernieuwen")], owners.Select(o => (o.Organisation!, o.Title)));
        Assert.Contains(await NotificationsAsync(), n => n.Subject == "Evaluatie convenant LSI aan de Tweede Kamer gezonden" && n.Roles.Contains(Roles.MinistryStaff));
        var publication = Assert.Single(await PublicationsAsync());
        Assert.Equal(($"Convenant Landelijke Stuurgroep Interventieteams {local.Year}", PublicationKinds.Covenant), (publication.Title, publication.Kind));
        Assert.Equal(due.AddYears(5), (await NextEvaluationStartAsync()).DueAt);
    }

    [Fact]
    public async Task The_multi_year_plan_is_adopted_and_asks_for_progress_each_june_reminding_late_owners()
    {
        // Two plan years, the first one after the clock's year so its June is still to come.
        var first = Host.Factory.Clock.GetUtcNow().Year + 1;
        var title = $"Meerjarenplan LSI {first}-{first + 1}";
        var instanceId = await StartAsync("multi-year-plan", new { title, firstYear = first, lastYear = first + 1 });

        await CompleteAsync(instanceId, "draft", "Gereed");
        await CompleteAsync(instanceId, "consult", "Akkoord");
        await CompleteAsync(instanceId, "adopt", "Vaststellen");
        await CompleteAsync(instanceId, "agenda", "Vastgesteld");
        Assert.Empty(await OpenTasksAsync(instanceId, "progress"));
        await AdvanceToAsync(new DateTimeOffset(first, 6, 1, 0, 0, 1, TimeSpan.Zero));
        Assert.True((await OpenTasksAsync(instanceId, "progress")).Count == Partners.Length, await DescribeAsync(instanceId));
        // Nobody reports: a week before the deadline every owner is reminded; a day after it the secretariat hears.
        await AdvanceToAsync(new DateTimeOffset(first, 6, 23, 12, 0, 0, TimeSpan.Zero));
        await CompleteAsync(instanceId, "progress", "Gemeld");
        await CompleteAsync(instanceId, "agenda", "Vastgesteld");
        await AdvanceToAsync(new DateTimeOffset(first + 1, 6, 1, 0, 0, 1, TimeSpan.Zero));
        await CompleteAsync(instanceId, "progress", "Gemeld");

        Assert.True((await StateAsync(instanceId)).Status == WorkflowStatus.Finished, await DescribeAsync(instanceId));
        var notifications = await NotificationsAsync();
        Assert.Equal(Partners.Order(), notifications.Where(n => n.Subject.StartsWith($"Herinnering: taak 'Voortgang {first}", StringComparison.Ordinal)).SelectMany(n => n.Organisations).Distinct().Order());
        Assert.Contains(notifications, n => n.Subject == $"Escalatie: taak 'Voortgang {first} voor de Stand van de uitvoering' is te laat" && n.Roles.SequenceEqual([Roles.Secretary]));
        Assert.Equal([$"Stand van de uitvoering {first + 1}", $"Stand van de uitvoering {first}", title], (await PublicationsAsync()).Select(p => p.Title));
    }

    [Fact]
    public async Task Adopting_a_dpia_through_its_workflow_records_approvals_sends_it_to_parliament_and_publishes_it()
    {
        var dpiaId = LetterSeed.Id("dpia:joint-area-based");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Host.Factory.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")).DateTime);
        var instanceId = await StartAsync("dpia-adoption", new { dpiaId = dpiaId.ToString(), title = "Gezamenlijke DPIA wijkgerichte aanpak", partners = new[] { Organisations.Uwv, Organisations.Svb } });

        await CompleteAsync(instanceId, "draft", "Gereed");
        await CompleteAsync(instanceId, "privacy_review", "Akkoord");
        await CompleteAsync(instanceId, "partner_approvals", "Goedkeuren");
        await CompleteAsync(instanceId, "steering", "Vaststellen");

        Assert.True((await StateAsync(instanceId)).Status == WorkflowStatus.Finished, await DescribeAsync(instanceId));
        using var secretary = await Host.ClientForAsync(Secretary);
        var dpia = await ReadAsync(await secretary.GetAsync(new Uri($"/api/dpias/{dpiaId}", UriKind.Relative)), HttpStatusCode.OK);
        Assert.Equal("Adopted", dpia.GetProperty("status").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), dpia.GetProperty("sentToParliamentOn").GetString());
        Assert.Equal([(Organisations.Svb, PartnerOf(Organisations.Svb)), (Organisations.Uwv, PartnerOf(Organisations.Uwv))],
            dpia.GetProperty("approvals").EnumerateArray().Select(a => (a.GetProperty("organisation").GetString()!, a.GetProperty("personName").GetString()!)).Order());
        Assert.Equal("Gezamenlijke DPIA wijkgerichte aanpak", Assert.Single(await PublicationsAsync()).Title);
    }

    [Fact]
    public async Task A_commitment_reminds_its_owner_before_the_due_date_and_escalates_to_the_secretariat_when_late()
    {
        var due = new DateTimeOffset(Host.Factory.Clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(60);
        var instanceId = await StartAsync("commitment-tracking", new { title = "Nieuwe gezamenlijke DPIA naar de Kamer", owner = Organisations.Szw, dueDate = due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), source = "Kamerbrief evaluatie convenant LSI" });

        await AdvanceToAsync(due.AddDays(-30).AddHours(12));
        var afterFirstReminder = await NotificationsAsync();
        await AdvanceToAsync(due.AddDays(1).AddHours(12));
        var late = await NotificationsAsync();
        await CompleteAsync(instanceId, "deliver", "Gedaan", new { result = "Verzonden op 2 april" });

        var reminder = Assert.Single(afterFirstReminder);
        Assert.StartsWith("Herinnering: taak 'Nieuwe gezamenlijke DPIA naar de Kamer'", reminder.Subject, StringComparison.Ordinal);
        Assert.Equal(Organisations.Szw, Assert.Single(reminder.Organisations));
        // The reminder a week ahead, the one on the day and the escalation fired at the same moment of the clock.
        Assert.Equal(["Escalatie", "Herinnering", "Herinnering", "Vandaag"], late.Select(n => n.Subject.Split(':')[0]).Order());
        Assert.Equal([Roles.Secretary], late.Single(n => n.Subject.StartsWith("Escalatie", StringComparison.Ordinal)).Roles);
        Assert.True((await StateAsync(instanceId)).Status == WorkflowStatus.Finished, await DescribeAsync(instanceId));
    }

    /// <summary>Article 13: every five years from 1 July 2017, at midnight in The Hague.</summary>
    private Task<TimerRecord> NextEvaluationStartAsync() =>
        Host.InScopeAsync(services => services.GetRequiredService<LsiDbContext>().Set<TimerRecord>().AsNoTracking()
            .SingleAsync(t => t.StartDefinitionId == "covenant-evaluation" && t.Status == TimerStatus.Pending));

    /// <summary>What this test published; the seed's publications are older.</summary>
    private async Task<List<PublicationView>> PublicationsAsync() =>
        [.. (await Host.InScopeAsync(services => services.GetRequiredService<ISender>().Send(new ListPublications(Actor.Anonymous)).AsTask())).Where(p => p.PublishedAt >= LsiHostFactory.Start)];
}
