using System.Net;
using System.Net.Http.Json;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LsiWorkflow.Host.Tests.Security;

public sealed class BrowserEscapingTests(HostFixture host) : HostTest(host)
{
    [Fact]
    public async Task Markup_in_a_project_name_is_shown_as_text_and_never_runs()
    {
        await SecurityWorld.CreateAsync(Host);
        const string name = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>Wijk Oost";
        using (var secretary = await Host.ClientForAsync("secretaris"))
        {
            Assert.Equal(HttpStatusCode.Created, (await secretary.PostAsJsonAsync("/api/projects", new { name, kind = "PhenomenonBased" })).StatusCode);
        }
        await using var context = await Host.NewBrowserContextAsync();
        var page = await Infrastructure.Browser.SignInAsync(context, "secretaris", HostFixture.Password);

        await page.GotoAsync("/projects");
        await Infrastructure.Browser.WaitForInteractiveAsync(page);

        await Assertions.Expect(page.GetByText(name)).ToHaveCountAsync(1);
        Assert.Equal(0, await page.Locator("img[src='x']").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"));
    }
}
