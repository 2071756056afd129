using System.Net;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace LsiWorkflow.Host.Tests.Shared.Ui;

/// <summary>People who take a wrong turn get a page in their language inside the layout; the API keeps ProblemDetails.</summary>
public sealed class ErrorPageTests(HostFixture host) : HostTest(host)
{
    [Fact]
    public async Task An_unknown_address_is_a_page_in_the_readers_language_and_an_unknown_api_route_stays_problem_details()
    {
        using var client = Host.CreateClient();

        using var dutch = await client.GetAsync(new Uri("/bestaat-niet", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, dutch.StatusCode);
        Assert.Equal("text/html", dutch.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Deze pagina bestaat niet", await dutch.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/bestaat-niet");
        request.Headers.AcceptLanguage.ParseAdd("en");
        using var english = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, english.StatusCode);
        Assert.Contains("This page does not exist", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var api = await client.GetAsync(new Uri("/api/bestaat-niet", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Signed_in_people_see_not_found_and_no_access_inside_the_layout_and_the_admin_opens_the_inbox()
    {
        await Host.CreateUserAsync("partner.uwv", "UWV", Roles.Partner);
        await Host.CreateUserAsync("beheer", "SZW", Roles.Admin);
        await using (var context = await Host.NewBrowserContextAsync())
        {
            var page = await Infrastructure.Browser.SignInAsync(context, "partner.uwv", HostFixture.Password);
            var missing = await page.GotoAsync("/bestaat-niet");
            Assert.Equal(404, missing!.Status);
            await Expect(page.GetByTestId("error-page")).ToContainTextAsync("Deze pagina bestaat niet");
            await Expect(page.GetByTestId("signed-in-as")).ToBeVisibleAsync();

            await page.GotoAsync("/designer");
            await Expect(page.GetByTestId("error-page")).ToContainTextAsync("Geen toegang");
            await Expect(page.GetByTestId("signed-in-as")).ToBeVisibleAsync();
        }

        await using (var context = await Host.NewBrowserContextAsync())
        {
            var admin = await Infrastructure.Browser.SignInAsync(context, "beheer", HostFixture.Password);
            await admin.GotoAsync("/tasks");
            await Infrastructure.Browser.WaitForInteractiveAsync(admin);
            await Expect(admin.Locator("h1")).ToHaveTextAsync("Mijn taken");
            await Expect(admin.GetByTestId("no-tasks")).ToBeVisibleAsync();
            await Expect(admin.GetByTestId("error-page")).ToHaveCountAsync(0);
        }
    }
}
