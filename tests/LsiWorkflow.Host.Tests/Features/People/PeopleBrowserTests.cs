using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Startup;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LsiWorkflow.Host.Tests.Features.People;

public sealed class PeopleBrowserTests(HostFixture host) : HostTest(host)
{
    [Fact]
    public async Task An_administrator_invites_changes_disables_and_enables_a_person_on_the_people_page_and_reads_the_audit()
    {
        await Host.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<LetterSeeder>().SeedAsync();
            return true;
        });
        await Host.CreateUserAsync("beheer", Organisations.Szw, Roles.Admin);
        await using var context = await Host.NewBrowserContextAsync();
        var page = await Infrastructure.Browser.SignInAsync(context, "beheer", HostFixture.Password);

        await page.GetByRole(AriaRole.Link, new() { Name = "Personen" }).ClickAsync();
        await Infrastructure.Browser.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("person-beheer")).ToBeVisibleAsync();

        // Invite: refused in plain words without an address, then sent.
        await page.GetByTestId("invite-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("people-message")).ToContainTextAsync("e-mailadres");
        await Field(page, "invite-email").FillAsync("piet@uwv.example");
        await Field(page, "invite-name").FillAsync("Piet Partner");
        await Field(page, "invite-organisation").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText("UWV", new() { Exact = true }).ClickAsync();
        await Field(page, "role-Partner").CheckAsync();
        await page.GetByTestId("invite-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("people-message")).ToContainTextAsync("uitnodiging is verstuurd");
        var row = page.GetByTestId("person-piet@uwv.example");
        await Assertions.Expect(row).ToContainTextAsync("Uitgenodigd");
        await Assertions.Expect(row).ToContainTextAsync("Partner");

        // Another role, then disabled and enabled again.
        await row.GetByTestId("edit").ClickAsync();
        await Field(page, "role-SteeringGroupMember").CheckAsync();
        await page.GetByTestId("invite-submit").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Stuurgroeplid");
        await row.GetByTestId("disable").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Uitgeschakeld");
        await row.GetByTestId("enable").ClickAsync();
        await Assertions.Expect(row).Not.ToContainTextAsync("Uitgeschakeld");

        var audit = page.GetByTestId("people-audit");
        foreach (var action in new[] { "PersonInvited", "PersonChanged", "PersonDisabled", "PersonEnabled" })
        {
            await Assertions.Expect(audit).ToContainTextAsync(action);
        }
        await Assertions.Expect(page.GetByTestId("export-audit")).ToHaveAttributeAsync("href", "api/people/audit.csv");
    }

    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid='{testId}'], [data-testid='{testId}'] input").First;
}
