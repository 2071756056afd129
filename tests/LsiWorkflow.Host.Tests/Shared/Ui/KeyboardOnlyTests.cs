using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LsiWorkflow.Host.Tests.Shared.Ui;

/// <summary>The partner's main task by keyboard alone: Tab, Enter and typing; the mouse is never used.</summary>
public sealed class KeyboardOnlyTests(HostFixture host) : InboxTest(host)
{
    [Fact]
    public async Task A_partner_signs_in_and_decides_a_task_with_a_comment_by_keyboard_alone()
    {
        await PublishApprovalAsync("UWV");
        var instanceId = await StartAsync("Wijkaanpak Zuid");
        await using var context = await Host.NewBrowserContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");

        // The skip link comes before everything else one can tab to.
        Assert.Equal("Naar de inhoud", await page.EvaluateAsync<string>("() => document.querySelector('a[href], button, input').textContent.trim()"));

        await Keyboard.TabToAsync(page, "#username");
        await page.Keyboard.TypeAsync(PartnerUwv);
        await Keyboard.TabToAsync(page, "#password");
        await page.Keyboard.TypeAsync(HostFixture.Password);
        await page.Keyboard.PressAsync("Enter");
        await Infrastructure.Browser.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Welkom bij LSI Workflow");

        await Keyboard.TabToTextAsync(page, "Mijn taken");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("task-row")).ToHaveCountAsync(1);
        await Keyboard.TabToTextAsync(page, "Keur project Wijkaanpak Zuid goed");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("task-title")).ToHaveTextAsync("Keur project Wijkaanpak Zuid goed");
        await Infrastructure.Browser.WaitForInteractiveAsync(page);

        await Keyboard.TabToAsync(page, "#task-comment");
        await page.Keyboard.TypeAsync("Akkoord, mits de DPIA wordt gevolgd.");
        await Keyboard.TabToAsync(page, "[data-testid='outcome-Goedkeuren']");
        await page.Keyboard.PressAsync("Space");

        await Assertions.Expect(page.GetByTestId("task-done")).ToContainTextAsync("Keur project Wijkaanpak Zuid goed");
        var task = await TaskOfAsync(instanceId, "UWV");
        Assert.Equal(("Goedkeuren", "Akkoord, mits de DPIA wordt gevolgd.", PartnerUwv), (task.Outcome, task.Comment, task.CompletedBy));
    }
}
