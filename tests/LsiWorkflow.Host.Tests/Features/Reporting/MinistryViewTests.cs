using System.Net;
using System.Net.Http.Json;
using System.Text;
using LsiWorkflow.Domain;
using LsiWorkflow.Domain.Seed;
using LsiWorkflow.Host.Features.Designer;
using LsiWorkflow.Host.Features.Milestones;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Host.Tests.Infrastructure;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LsiWorkflow.Host.Tests.Features.Reporting;

public sealed class MinistryViewTests(HostFixture host) : DomainTest(host)
{
    private static readonly Guid NextEvaluation = LetterSeed.Id("milestone:evaluation-2027");
    private static readonly Guid JointDpiaCommitment = LetterSeed.Id("commitment:joint-dpia");

    [Fact]
    public async Task Milestones_carry_their_state_and_rule_and_the_next_evaluation_is_2027()
    {
        using var ministry = await Host.ClientForAsync(Ministry);

        var milestones = await ReadAsync(await ministry.GetAsync(new Uri("/api/milestones", UriKind.Relative)), HttpStatusCode.OK);

        var next = milestones.EnumerateArray().Single(m => m.GetProperty("id").GetGuid() == NextEvaluation);
        Assert.Equal("2027-07-01", next.GetProperty("plannedOn").GetString());
        var signed = milestones.EnumerateArray().Single(m => m.GetProperty("name").GetString() == "Convenant LSI 2017 ondertekend");
        Assert.Equal("Done", signed.GetProperty("status").GetString());
        var report2024 = milestones.EnumerateArray().Single(m => m.GetProperty("name").GetString() == "Stand van de uitvoering 2024");
        Assert.Equal("Late", report2024.GetProperty("status").GetString());
        Assert.Equal("Te laat: geplande datum verstreken en niet gerealiseerd", report2024.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task A_milestone_with_open_work_turns_at_risk_inside_thirty_days_and_late_after_its_day()
    {
        var projectId = await ProposeAreaBasedProjectAsync();
        var today = Today();
        var milestoneId = await AddAsync(new Milestone("Project gestart", today.AddDays(30), MilestoneSubject.Project, projectId));
        await OpenTaskAsync(projectId, Organisations.Uwv, dueAt: null);

        // Asked through the use case: moving the clock a month also expires the API's bearer tokens.
        Assert.Equal(MilestoneState.Planned, await StatusAsync(milestoneId)); // 30 days left
        Host.Factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(MilestoneState.AtRisk, await StatusAsync(milestoneId)); // 29 days left, a task open
        Host.Factory.Clock.Advance(TimeSpan.FromDays(29));
        Assert.Equal(MilestoneState.AtRisk, await StatusAsync(milestoneId)); // the planned day itself
        Host.Factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(MilestoneState.Late, await StatusAsync(milestoneId));
    }

    [Fact]
    public async Task Milestones_filter_by_year_and_by_partner()
    {
        var projectId = await ProposeAreaBasedProjectAsync();
        await AddAsync(new Milestone("Wijkaanpak gestart", new DateOnly(2027, 3, 1), MilestoneSubject.Project, projectId));
        using var ministry = await Host.ClientForAsync(Ministry);

        var in2027 = await ReadAsync(await ministry.GetAsync(new Uri("/api/milestones?year=2027", UriKind.Relative)), HttpStatusCode.OK);
        Assert.Equal(["Wijkaanpak gestart", "Stand van de uitvoering 2027", "Volgende evaluatie convenant"],
            in2027.EnumerateArray().Select(m => m.GetProperty("name").GetString()));

        // The project is Rotterdam's: UWV sees the milestones of all partners but not that project's.
        var rotterdam = await ReadAsync(await ministry.GetAsync(new Uri($"/api/milestones?year=2027&organisation={Organisations.Rotterdam}", UriKind.Relative)), HttpStatusCode.OK);
        var uwv = await ReadAsync(await ministry.GetAsync(new Uri("/api/milestones?year=2027&organisation=UWV", UriKind.Relative)), HttpStatusCode.OK);
        Assert.Equal(3, rotterdam.GetArrayLength());
        Assert.DoesNotContain(uwv.EnumerateArray(), m => m.GetProperty("name").GetString() == "Wijkaanpak gestart");
    }

    [Fact]
    public async Task A_commitment_shows_what_is_still_open_to_fulfil_it()
    {
        await AddAsync(new Milestone("DPIA naar de Kamer verzonden", new DateOnly(2026, 3, 1), MilestoneSubject.Commitment, JointDpiaCommitment));
        await OpenTaskAsync(JointDpiaCommitment, Organisations.Szw, dueAt: null, title: "Aanbiedingsbrief DPIA ondertekenen");
        using var ministry = await Host.ClientForAsync(Ministry);

        var commitments = await ReadAsync(await ministry.GetAsync(new Uri("/api/commitments", UriKind.Relative)), HttpStatusCode.OK);

        var dpia = commitments.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == JointDpiaCommitment);
        Assert.True(dpia.GetProperty("isLate").GetBoolean());
        Assert.Equal(
            ["Mijlpaal: DPIA naar de Kamer verzonden (gepland 2026-03-01)", "Taak: Aanbiedingsbrief DPIA ondertekenen (SZW)"],
            dpia.GetProperty("outstanding").EnumerateArray().Select(o => o.GetString()));
        var fulfilled = commitments.EnumerateArray().Single(c => c.GetProperty("status").GetString() == "Fulfilled");
        Assert.Equal(0, fulfilled.GetProperty("outstanding").GetArrayLength());
    }

    [Theory]
    [InlineData("milestones", "Mijlpaal;Onderwerp;Gepland;Werkelijk;Status;Regel;Open taken;Organisaties", "Volgende evaluatie convenant;Convenantcyclus;2027-07-01;;Gepland;")]
    [InlineData("commitments", "Toezegging;Bron;Uiterlijk;Status;Nagekomen op;Te laat;Nog open", "Kamerbrief LSI van 26 januari 2023;2023-12-31;nagekomen;2023-12-01;nee;")]
    [InlineData("recommendations", "Aanbeveling;Titel;Actie;Eigenaar;Uiterlijk;Status;Besluit", "2b;Onafhankelijke coördinator op het gebied van procesverantwoordelijkheid;Een coördinator onafhankelijk van de LSI-partners aanstellen.;;;niet overgenomen;")]
    [InlineData("projects", "Project;Soort;Status;Gemeente;Voorgesteld;Volgende stap;Poort;Redenen", "Wijkaanpak Rotterdam-Zuid;wijkgericht;voorgesteld;GEM-ROTTERDAM;*;goedkeuren;geblokkeerd;Het project is nog niet geadopteerd")]
    [InlineData("agenda", "Jaar;Agendapunt;Thema;Gepland;Gereed op;Status;Regel", "2024;Rollen en verantwoordelijkheden van de (werk)groepen verduidelijken;;2024-12-31;;Te laat;")]
    public async Task Ministry_staff_export_each_list_as_csv(string list, string header, string expectedFragment)
    {
        await ProposeAreaBasedProjectAsync();
        using var ministry = await Host.ClientForAsync(Ministry);

        var response = await ministry.GetAsync(new Uri($"/api/exports/{list}.csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith(header + "\r\n", text, StringComparison.Ordinal);
        // "*" stands for a cell that depends on the day the test runs.
        var at = 0;
        foreach (var piece in expectedFragment.Split('*'))
        {
            at = text.IndexOf(piece, at, StringComparison.Ordinal);
            Assert.True(at >= 0, $"'{piece}' is missing from:\n{text}");
        }
    }

    [Fact]
    public async Task A_formula_typed_into_a_project_name_is_neutralised_in_the_export()
    {
        await ProposeAreaBasedProjectAsync("=cmd|' /C calc'!A0");
        using var ministry = await Host.ClientForAsync(Ministry);

        var text = await ministry.GetStringAsync(new Uri("/api/exports/projects.csv", UriKind.Relative));

        Assert.Contains("\r\n'=cmd|' /C calc'!A0;wijkgericht;", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_progress_report_is_html_with_the_numbers_of_the_moment_and_a_print_stylesheet()
    {
        await ProposeAreaBasedProjectAsync("<b>Wijk & co</b>");
        await OpenTaskAsync(Guid.NewGuid(), Organisations.Uwv, dueAt: Host.Factory.Clock.GetUtcNow().AddDays(-2));
        await OpenTaskAsync(Guid.NewGuid(), Organisations.Uwv, dueAt: Host.Factory.Clock.GetUtcNow().AddDays(-1));
        await OpenTaskAsync(Guid.NewGuid(), Organisations.Svb, dueAt: Host.Factory.Clock.GetUtcNow().AddDays(3));
        using var ministry = await Host.ClientForAsync(Ministry);

        var response = await ministry.GetAsync(new Uri("/api/reports/progress", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Stand van de uitvoering</h1>", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Volgende evaluatie convenant:</strong> gepland 1 juli 2027", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>UWV</td><td>2</td></tr>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>SVB</td>", html, StringComparison.Ordinal);
        // A name typed by a person is text in the report, never markup.
        Assert.Contains("&lt;b&gt;Wijk &amp; co&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<div>Het project is nog niet geadopteerd door een lid van de Stuurgroep.</div>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ministry_staff_cannot_complete_tasks_or_change_anything()
    {
        var taskId = await OpenTaskAsync(Guid.NewGuid(), Organisations.Szw, dueAt: null);
        var publicationId = LetterSeed.Id("publication:covenant-2017");
        var action = LetterSeed.Id("action:3a:1");
        var evaluation = LetterSeed.Id("evaluation:2017-2022");
        // Every target exists, so a 403 below is the refusal of the role, not a thing that was never there.
        await Host.InScopeAsync(services => services.GetRequiredService<ShippedWorkflows>().PublishShippedAsync(CancellationToken.None));
        using var ministry = await Host.ClientForAsync(Ministry);

        Assert.Equal(HttpStatusCode.Forbidden, (await ministry.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Akkoord" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ministry.GetAsync(new Uri("/api/tasks", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ministry.PutAsJsonAsync($"/api/evaluations/{evaluation}/actions/{action}", new { status = "Done" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ministry.PostAsJsonAsync("/api/publications", new { title = "Notitie", kind = "Kamerbrief" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ministry.PostAsJsonAsync($"/api/publications/{publicationId}/withdraw", new { reason = "test" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ministry.PostAsJsonAsync("/api/instances/covenant-evaluation", new { })).StatusCode);
        Assert.Equal(0, await Host.InScopeAsync(services => services.GetRequiredService<LsiDbContext>().Set<InstanceRecord>()
            .CountAsync(i => i.DefinitionId == "covenant-evaluation" && i.StartedBy == Ministry)));
    }

    [Fact]
    public async Task A_partner_may_not_export_the_ministry_lists()
    {
        using var partner = await Host.ClientForAsync(PartnerUwv);

        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync(new Uri("/api/exports/milestones.csv", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync(new Uri("/api/reports/progress", UriKind.Relative))).StatusCode);
    }

    private DateOnly Today() => Host.Factory.Clock.Today();

    private Task<MilestoneState> StatusAsync(Guid milestoneId) =>
        Host.InScopeAsync(async services =>
            (await services.GetRequiredService<ISender>().Send(new ListMilestones(Actors.Secretary))).Single(m => m.Id == milestoneId).Status);

    private Task<Guid> AddAsync(Milestone milestone) =>
        Host.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LsiDbContext>();
            db.Add(milestone);
            await db.SaveChangesAsync();
            return milestone.Id;
        });

    /// <summary>An open human task of a workflow about <paramref name="subjectId"/>, as the runtime would leave it.</summary>
    private Task<Guid> OpenTaskAsync(Guid subjectId, string organisation, DateTimeOffset? dueAt, string title = "Beoordelen")
    {
        var now = Host.Factory.Clock.GetUtcNow().ToUniversalTime();
        var instance = new InstanceRecord
        {
            Id = Guid.NewGuid(),
            DefinitionId = "test-flow",
            DefinitionVersion = 1,
            Status = "Running",
            State = "{}",
            CorrelationKey = subjectId.ToString(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        var task = new TaskRecord
        {
            Id = Guid.NewGuid(),
            InstanceId = instance.Id,
            BookmarkId = Guid.NewGuid(),
            ActivityId = "review",
            DefinitionId = instance.DefinitionId,
            Title = title,
            Organisation = organisation,
            Outcomes = "[\"Akkoord\"]",
            CommentRequiredFor = "[]",
            FormFields = "[]",
            Priority = "Normal",
            DueAt = dueAt?.ToUniversalTime(),
            CreatedAt = now,
        };
        return Host.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LsiDbContext>();
            db.AddRange(instance, task);
            await db.SaveChangesAsync();
            return task.Id;
        });
    }
}
