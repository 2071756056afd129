using LsiWorkflow.Host.Features.Designer;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LsiWorkflow.Host.Tests.Features.Projects;

/// <summary>
/// The registers worked in the browser by clicking only, on the letter's seed and the shipped workflows, as the host
/// has them after its start. They share the suite's one host and browser.
/// </summary>
public sealed class RegisterBrowserTests(HostFixture host) : DomainTest(host)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // What the host does at its start: the shipped workflows are published.
        await Host.InScopeAsync(services => services.GetRequiredService<ShippedWorkflows>().PublishShippedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_secretary_proposes_a_project_with_uwv_and_svb_starts_its_approval_records_a_milestone_fulfils_a_commitment_and_publishes_a_document_a_visitor_downloads()
    {
        await using var context = await Host.NewBrowserContextAsync();
        var page = await Infrastructure.Browser.SignInAsync(context, Secretary, HostFixture.Password);

        await page.GetByRole(AriaRole.Link, new() { Name = "Projectregister" }).ClickAsync();
        await page.GetByTestId("new-project").ClickAsync();
        await Infrastructure.Browser.WaitForInteractiveAsync(page);
        await page.FillAsync("#project-name", "Wijkaanpak Rotterdam-Zuid");
        await page.SelectOptionAsync("#project-kind", "AreaBased");
        await page.SelectOptionAsync("#project-municipality", new SelectOptionValue { Label = "Gemeente Rotterdam" });
        await page.CheckAsync("#takes-part-UWV");
        await page.CheckAsync("#shares-data-UWV");
        await page.CheckAsync("#takes-part-SVB");
        await page.FillAsync("#project-privacy", "Modelprivacyprotocol LSI v2");
        await page.FillAsync("#project-description", "Gezamenlijke aanpak van uitkeringsfraude in Rotterdam-Zuid.");
        await page.FillAsync("#project-planned-start", "2026-03-01");
        await page.GetByTestId("submit-project").ClickAsync();

        await Assertions.Expect(page.GetByTestId("project-name")).ToHaveTextAsync("Wijkaanpak Rotterdam-Zuid");
        await Infrastructure.Browser.WaitForInteractiveAsync(page);
        var facts = page.GetByTestId("project-facts");
        await Assertions.Expect(facts).ToContainTextAsync("Gemeente Rotterdam");
        await Assertions.Expect(facts).ToContainTextAsync("Modelprivacyprotocol LSI v2");
        await Assertions.Expect(facts).ToContainTextAsync("1 mrt 2026");
        await Assertions.Expect(page.GetByTestId("participants")).ToContainTextAsync("UWV — deelt gegevens");
        await Assertions.Expect(page.GetByTestId("participants")).ToContainTextAsync("Sociale Verzekeringsbank — deelt geen gegevens");
        await Assertions.Expect(page.GetByTestId("gate")).ToContainTextAsync("Het project is nog niet geadopteerd door een lid van de Stuurgroep.");

        await page.GetByTestId("start-approval").ClickAsync();
        await Assertions.Expect(page.GetByTestId("project-message")).ToContainTextAsync("Het goedkeuringsproces is gestart.");
        await Assertions.Expect(page.GetByTestId("project-instances")).ToContainTextAsync("Goedkeuring en start van een project");
        await Assertions.Expect(page.GetByTestId("project-tasks")).ToContainTextAsync("Intake projectvoorstel");
        await Assertions.Expect(page.GetByTestId("start-approval")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("project-history")).ToContainTextAsync("Project voorgesteld");

        // The steering-group member of UWV finds it in the register and adopts it.
        await using var memberContext = await Host.NewBrowserContextAsync();
        var member = await Infrastructure.Browser.SignInAsync(memberContext, SteeringMemberUwv, HostFixture.Password);
        await member.GetByRole(AriaRole.Link, new() { Name = "Projectregister" }).ClickAsync();
        await member.GetByRole(AriaRole.Link, new() { Name = "Wijkaanpak Rotterdam-Zuid" }).ClickAsync();
        await Infrastructure.Browser.WaitForInteractiveAsync(member);
        await Assertions.Expect(member.GetByTestId("approve")).ToHaveCountAsync(0);
        await member.GetByTestId("adopt").ClickAsync();
        await Assertions.Expect(member.GetByTestId("project-message")).ToContainTextAsync("Het project is geadopteerd.");
        await Assertions.Expect(member.GetByTestId("project-facts")).ToContainTextAsync("(UWV)");
        await Assertions.Expect(member.GetByTestId("project-history")).ToContainTextAsync("Geadopteerd");

        // The secretary records the progress report as reached and fulfils a commitment with its result.
        await page.GetByRole(AriaRole.Link, new() { Name = "Mijlpalen en toezeggingen" }).ClickAsync();
        await Infrastructure.Browser.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Bijwerken: Stand van de uitvoering 2024" }).ClickAsync();
        await page.FillAsync("#milestones-reached-on", "2024-06-20");
        await page.FillAsync("#milestones-reason", "Met de Kamerbrief van 20 juni 2024 verstuurd.");
        await page.GetByTestId("record-reached").ClickAsync();
        await Assertions.Expect(page.GetByTestId("milestone-done")).ToContainTextAsync("Stand van de uitvoering 2024: bereikt vastgelegd.");
        await Assertions.Expect(page.GetByTestId("milestones").Locator("tr", new() { HasText = "Stand van de uitvoering 2024" })).ToContainTextAsync("20 jun 2024");

        await page.GetByRole(AriaRole.Link, new() { Name = "Toezeggingen", Exact = true }).ClickAsync();
        await Infrastructure.Browser.WaitForInteractiveAsync(page);
        var focusGroup = page.GetByTestId("commitments").Locator("tr", new() { HasText = "focusgroep" });
        await focusGroup.GetByTestId("edit-commitment").ClickAsync();
        await page.GetByTestId("fulfil").ClickAsync();
        await Assertions.Expect(page.GetByTestId("commitment-message")).ToContainTextAsync("Beschrijf het resultaat");
        await page.FillAsync("#commitment-result", "De uitkomst van de focusgroep staat in de Stand van de uitvoering 2024.");
        await page.FillAsync("#commitment-document", "Kamerstuk 17050-620");
        await page.GetByTestId("fulfil").ClickAsync();
        await Assertions.Expect(page.GetByTestId("commitment-done")).ToContainTextAsync("nagekomen vastgelegd");
        await Assertions.Expect(focusGroup.GetByTestId("commitment-result")).ToContainTextAsync("De uitkomst van de focusgroep staat in de Stand van de uitvoering 2024. (Kamerstuk 17050-620)");

        // The secretary publishes the report itself; a visitor who is not signed in downloads it.
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Publicaties" }).ClickAsync();
        await Infrastructure.Browser.WaitForInteractiveAsync(page);
        await page.FillAsync("#publication-title", "Stand van de uitvoering 2024");
        await page.SelectOptionAsync("#publication-category", "Vergaderstukken Staten-Generaal");
        await page.FillAsync("#publication-summary", "De voortgang van het meerjarenplan in 2024.");
        await page.SetInputFilesAsync("#publication-file", new FilePayload { Name = "stand-2024.pdf", MimeType = "application/pdf", Buffer = Publications.DocumentUploadTests.Pdf });
        await Assertions.Expect(page.GetByTestId("file-ready")).ToHaveTextAsync("stand-2024.pdf");
        await page.GetByTestId("publish").ClickAsync();
        await Assertions.Expect(page.GetByTestId("publish-message")).ToContainTextAsync("Het document is gepubliceerd.");

        await using var visitorContext = await Host.NewBrowserContextAsync();
        var visitor = await visitorContext.NewPageAsync();
        await visitor.GotoAsync("/publicaties");
        await Infrastructure.Browser.WaitForInteractiveAsync(visitor);
        var report = visitor.GetByTestId("publication").Filter(new() { HasText = "Stand van de uitvoering 2024" });
        await Assertions.Expect(report).ToContainTextAsync("Vergaderstukken Staten-Generaal");
        await Assertions.Expect(visitor.GetByTestId("publish-form")).ToHaveCountAsync(0);
        var download = await visitor.RunAndWaitForDownloadAsync(() => report.GetByTestId("document-link").ClickAsync());
        Assert.Equal("stand-2024.pdf", download.SuggestedFilename);
        Assert.Equal(Publications.DocumentUploadTests.Pdf, await File.ReadAllBytesAsync((await download.PathAsync())!));
    }

    [Fact]
    public async Task On_a_phone_a_refused_proposal_shows_the_reason_in_the_form_and_keeps_what_was_typed()
    {
        await using var context = await Host.NewBrowserContextAsync();
        var page = await Infrastructure.Browser.SignInAsync(context, Secretary, HostFixture.Password);
        await page.SetViewportSizeAsync(390, 844);

        await page.GotoAsync("/projects/new");
        await Infrastructure.Browser.WaitForInteractiveAsync(page);
        await page.FillAsync("#project-name", "Wijkaanpak met de Belastingdienst");
        await page.CheckAsync("#shares-data-BD");
        await page.GetByTestId("submit-project").ClickAsync();

        await Assertions.Expect(page.GetByTestId("form-message"))
            .ToContainTextAsync("Belastingdienst deelt geen gegevens voor wijkgerichte aanpakken");
        await Assertions.Expect(page.Locator("#project-name")).ToHaveValueAsync("Wijkaanpak met de Belastingdienst");
        var fits = await page.EvaluateAsync<bool>("() => { const f = document.querySelector('.lsi-form'); const r = f.getBoundingClientRect(); return r.right <= window.innerWidth && f.scrollWidth <= f.clientWidth; }");
        Assert.True(fits, "The form is wider than a 390 pixel screen.");

        await page.UncheckAsync("#shares-data-BD");
        await page.CheckAsync("#takes-part-BD");
        await page.GetByTestId("submit-project").ClickAsync();
        await Assertions.Expect(page.GetByTestId("participants")).ToContainTextAsync("Belastingdienst — deelt geen gegevens");
    }

    [Fact]
    public async Task The_secretary_registers_a_project_that_was_already_running_with_its_start_date()
    {
        await using var context = await Host.NewBrowserContextAsync();
        var page = await Infrastructure.Browser.SignInAsync(context, Secretary, HostFixture.Password);

        await page.GetByRole(AriaRole.Link, new() { Name = "Projectregister" }).ClickAsync();
        await page.GetByTestId("new-project").ClickAsync();
        await Infrastructure.Browser.WaitForInteractiveAsync(page);
        await page.FillAsync("#project-name", "Wijkaanpak Utrecht-Overvecht");
        await page.SelectOptionAsync("#project-municipality", new SelectOptionValue { Label = "Gemeente Utrecht" });
        await page.CheckAsync("#project-running");
        await page.FillAsync("#project-started-on", "2024-05-01");
        await page.GetByTestId("submit-project").ClickAsync();
        await Assertions.Expect(page.GetByTestId("form-message")).ToContainTextAsync("liep niet al vóór de stop op nieuwe wijkgerichte aanpakken");

        await page.FillAsync("#project-started-on", "2022-09-01");
        await page.GetByTestId("submit-project").ClickAsync();
        await Assertions.Expect(page.GetByTestId("project-status")).ToHaveTextAsync("gestart");
        await Assertions.Expect(page.GetByTestId("running-before")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("started-on")).ToContainTextAsync("sep 2022");
        await Assertions.Expect(page.GetByTestId("project-history")).ToContainTextAsync("Geregistreerd als lopend project");
    }
}
