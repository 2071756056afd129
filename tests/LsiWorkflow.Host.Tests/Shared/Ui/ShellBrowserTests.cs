using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LsiWorkflow.Host.Tests.Shared.Ui;

public sealed class ShellBrowserTests(HostFixture host) : HostTest(host)
{
    [Fact]
    public async Task Partner_signs_in_sees_dutch_home_with_organisation_and_can_switch_to_english()
    {
        await Host.CreateUserAsync("uwv-partner", "UWV", Roles.Partner);
        await using var context = await Host.NewBrowserContextAsync();
        var page = await Infrastructure.Browser.SignInAsync(context, "uwv-partner", HostFixture.Password);

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Welkom bij LSI Workflow");
        await Assertions.Expect(page.GetByTestId("organisation")).ToHaveTextAsync("UWV");
        await Assertions.Expect(page.GetByTestId("roles")).ToHaveTextAsync("Partner");
        // A partner's menu has no designer.
        await Assertions.Expect(page.GetByText("Werkstromen ontwerpen")).ToHaveCountAsync(0);

        await page.GotoAsync("/culture/set?culture=en&redirectUri=%2F");
        await Infrastructure.Browser.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Welcome to LSI Workflow");
    }

    [Fact]
    public async Task Wrong_password_on_the_sign_in_page_shows_a_dutch_message()
    {
        await Host.CreateUserAsync("svb-partner", "SVB", Roles.Partner);
        await using var context = await Host.NewBrowserContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", "svb-partner");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("#sign-in");
        await Assertions.Expect(page.GetByTestId("login-error")).ToHaveTextAsync("Onjuiste gebruikersnaam of wachtwoord.");
    }
}
