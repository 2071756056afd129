using System.Text;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LsiWorkflow.Host.Tests.Features.Milestones;

/// <summary>The exports of the milestones page carry the page's filters: partner and year for the milestones, theme and year for the agenda.</summary>
public sealed class MilestoneExportBrowserTests(HostFixture host) : DomainTest(host)
{
    [Fact]
    public async Task Ministry_staff_export_the_milestones_and_the_agenda_as_they_filtered_them()
    {
        await using var context = await Host.NewBrowserContextAsync();
        var page = await Infrastructure.Browser.SignInAsync(context, Ministry, HostFixture.Password);
        await page.GotoAsync("/milestones");
        await Infrastructure.Browser.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("next-evaluation")).ToBeVisibleAsync();

        await ChooseAsync(page, "filter-partner", "UWV");
        await ChooseAsync(page, "filter-theme", null);

        var milestones = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-milestones").ClickAsync());
        Assert.Contains("organisation=UWV", milestones.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("year=", milestones.Url, StringComparison.Ordinal);
        var csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await milestones.PathAsync())!));
        Assert.Contains("Volgende evaluatie convenant", csv, StringComparison.Ordinal);

        var agenda = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-agenda").ClickAsync());
        Assert.Contains("themeId=", agenda.Url, StringComparison.Ordinal);
        Assert.NotEmpty(await File.ReadAllBytesAsync((await agenda.PathAsync())!));
        await Expect(page.GetByTestId("export-error")).ToHaveCountAsync(0);
        // The partner is shown by name in the filter, and the page is still the milestones page.
        await Expect(page.Locator("h1")).ToHaveTextAsync("Mijlpalen: convenantcyclus en meerjarenplan");
    }

    /// <summary>Opens a select and picks the item with this text, or the first item.</summary>
    private static async Task ChooseAsync(IPage page, string testId, string? item)
    {
        await page.GetByTestId(testId).ClickAsync();
        var items = page.Locator(".mud-popover-open .mud-list-item");
        await (item is null ? items.First : items.Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{item}$") }).First).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
