using System.Net;
using System.Net.Http.Json;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LsiWorkflow.Host.Tests.Features.Tasks;

/// <summary>
/// The partners' part of a day of work, by clicking, on a phone and on a laptop: UWV approves a project with its
/// facts in front of it, SVB approves with a condition, and the steering-group member sees both decisions, SVB's
/// condition included, before adopting. The project and the start of its approval are set up through the API.
/// </summary>
public sealed class DecisionContextBrowserTests(HostFixture host) : WorkflowTest(host)
{
    private const string ProjectName = "Wijkaanpak Rotterdam-Zuid";
    private const string Condition = "Akkoord, mits de gegevensdeling beperkt blijft tot de wijk.";
    private const string PartnerSvb = "partner.svb";

    [Theory]
    [InlineData(1440, 900)]
    [InlineData(390, 844)]
    public async Task Partners_decide_with_the_project_in_front_of_them_and_the_steering_group_sees_their_conditions(int width, int height)
    {
        await NameAsync(PartnerUwv, "Umut Yilmaz");
        await NameAsync(PartnerSvb, "Sanne de Vries");
        await NameAsync(SteeringMemberUwv, "Stijn Bakker");
        var projectId = await ProposeWithUwvAndSvbAsync();
        var instanceId = await StartAsync("project-approval", new { projectId });
        await CompleteAsync(instanceId, "intake", "Compleet");
        var viewport = new ViewportSize { Width = width, Height = height };

        await using (var context = await Host.NewBrowserContextAsync(viewport))
        {
            var uwv = await OpenTaskAsync(context, PartnerUwv, $"Akkoord met deelname aan {ProjectName}");
            var card = uwv.GetByTestId("project-card");
            await Expect(card).ToContainTextAsync(ProjectName);
            await Expect(card.GetByTestId("project-kind")).ToHaveTextAsync("Wijkgericht");
            await Expect(card.GetByTestId("project-municipality")).ToHaveTextAsync("Gemeente Rotterdam");
            await Expect(card.GetByTestId("project-participants")).ToContainTextAsync("UWV — deelt gegevens");
            await Expect(card.GetByTestId("project-participants")).ToContainTextAsync("Sociale Verzekeringsbank — deelt geen gegevens");
            await Expect(card.GetByTestId("project-dpia")).ToContainTextAsync("Vernieuwde gezamenlijke DPIA wijkgerichte aanpak");
            await Expect(uwv.GetByTestId("earlier-decisions")).ToContainTextAsync("Intake projectvoorstel");
            await AssertNoCodesAndFitsAsync(uwv, width);
            await uwv.GetByTestId("outcome-Akkoord").ClickAsync();
            await Expect(uwv.GetByTestId("task-done")).ToBeVisibleAsync();
        }

        await using (var context = await Host.NewBrowserContextAsync(viewport))
        {
            var svb = await OpenTaskAsync(context, PartnerSvb, $"Akkoord met deelname aan {ProjectName}");
            await Expect(svb.GetByTestId("earlier-decision").Filter(new() { HasText = "Umut Yilmaz" })).ToContainTextAsync("Akkoord");
            await svb.FillAsync("#task-comment", Condition);
            await svb.GetByTestId("outcome-Akkoord").ClickAsync();
            await Expect(svb.GetByTestId("task-done")).ToBeVisibleAsync();
        }
        await SettleAsync();

        await using (var context = await Host.NewBrowserContextAsync(viewport))
        {
            var member = await OpenTaskAsync(context, SteeringMemberUwv, $"Besluit over project {ProjectName}");
            var decisions = member.GetByTestId("earlier-decision");
            await Expect(decisions).ToHaveCountAsync(3); // the intake and both partners
            var svbDecision = decisions.Filter(new() { HasText = "Sociale Verzekeringsbank" });
            await Expect(svbDecision).ToContainTextAsync("Sanne de Vries");
            await Expect(svbDecision.GetByTestId("decision-comment")).ToHaveTextAsync(Condition);
            await Expect(decisions.Filter(new() { HasText = "Umut Yilmaz" })).ToContainTextAsync("Akkoord");
            await Expect(member.GetByTestId("journal")).ToContainTextAsync(Condition);
            await Expect(member.GetByTestId("journal")).ToContainTextAsync("Akkoord deelnemende partners");
            // Decided at 08:00 UTC on 5 January: 09:00 in Amsterdam.
            await Expect(member.GetByTestId("earlier-decisions")).ToContainTextAsync("05-01-2026 09:00");
            await AssertNoCodesAndFitsAsync(member, width);
            var text = await member.InnerTextAsync("body");
            Assert.DoesNotContain("05-01-2026 08:00", text, StringComparison.Ordinal);
            Assert.DoesNotContain(PartnerSvb, text, StringComparison.Ordinal);
            await member.GetByTestId("outcome-Goedkeuren").ClickAsync();
            await Expect(member.GetByTestId("task-done")).ToBeVisibleAsync();
        }
        await SettleAsync();

        Assert.Equal("Approved", await StatusOfAsync(projectId)); // the joint DPIA holds the start back
    }

    private static async Task<IPage> OpenTaskAsync(IBrowserContext context, string userName, string title)
    {
        var page = await Infrastructure.Browser.SignInAsync(context, userName, HostFixture.Password);
        await page.GotoAsync("/tasks");
        await Infrastructure.Browser.WaitForInteractiveAsync(page);
        var row = page.GetByTestId("task-row").Filter(new() { HasText = title });
        await Expect(row.GetByTestId("task-project")).ToHaveTextAsync(ProjectName);
        await row.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(page.GetByTestId("task-title")).ToHaveTextAsync(title);
        await Infrastructure.Browser.WaitForInteractiveAsync(page);
        return page;
    }

    /// <summary>Names, not codes, in what a person reads; and nothing wider than the screen.</summary>
    private static async Task AssertNoCodesAndFitsAsync(IPage page, int width)
    {
        var text = await page.InnerTextAsync("body");
        foreach (var code in new[] { Organisations.Rotterdam, Organisations.Svb + " ", "SteeringGroupMember", "AreaBased", "HumanTask", "project-approval" })
        {
            Assert.DoesNotContain(code, text, StringComparison.Ordinal);
        }
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"The page is {scrollWidth}px wide on a {width}px screen.");
    }

    private Task NameAsync(string userName, string displayName) =>
        Host.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<LsiUser>>();
            var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
            user.DisplayName = displayName;
            return (await users.UpdateAsync(user)).Succeeded;
        });

    /// <summary>An area-based project in Rotterdam: UWV shares data, SVB takes part without; adopted, with a privacy protocol.</summary>
    private async Task<Guid> ProposeWithUwvAndSvbAsync()
    {
        var projectId = await ProposeAreaBasedProjectAsync(ProjectName);
        using var secretary = await Host.ClientForAsync(Secretary);
        using var member = await Host.ClientForAsync(SteeringMemberUwv);
        await ReadAsync(await secretary.PostAsJsonAsync($"/api/projects/{projectId}/participants", new { organisation = Organisations.Uwv, sharesData = true }), HttpStatusCode.OK);
        await ReadAsync(await secretary.PostAsJsonAsync($"/api/projects/{projectId}/participants", new { organisation = Organisations.Svb, sharesData = false }), HttpStatusCode.OK);
        await ReadAsync(await member.PostAsJsonAsync($"/api/projects/{projectId}/adopt", new { }), HttpStatusCode.OK);
        await ReadAsync(await secretary.PutAsJsonAsync($"/api/projects/{projectId}/privacy-protocol", new { reference = "Modelprivacyprotocol LSI v2" }), HttpStatusCode.OK);
        return projectId;
    }

    private async Task<string> StatusOfAsync(Guid projectId)
    {
        using var secretary = await Host.ClientForAsync(Secretary);
        var project = await ReadAsync(await secretary.GetAsync(new Uri($"/api/projects/{projectId}", UriKind.Relative)), HttpStatusCode.OK);
        return project.GetProperty("status").GetString()!;
    }
}
