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
    public async Task The_secretary_proposes_an_area_based_project_with_uwv_and_svb_starts_its_approval_and_the_member_adopts_it()
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
