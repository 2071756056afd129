using System.Text;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LsiWorkflow.Host.Tests.Features.Milestones;

/// <summary>Ministry staff filter the milestones and export them by keyboard alone: Tab, arrow keys and Enter.</summary>
public sealed class MinistryKeyboardTests(HostFixture host) : DomainTest(host)
{
    [Fact]
    public async Task Ministry_staff_filter_milestones_by_year_and_export_them_by_keyboard_alone()
    {
        await using var context = await Host.NewBrowserContextAsync();
        var page = await Infrastructure.Browser.SignInAsync(context, Ministry, HostFixture.Password);

        await Keyboard.TabToTextAsync(page, "Mijlpalen en toezeggingen");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("timeline-chart")).ToBeVisibleAsync();
        await Infrastructure.Browser.WaitForInteractiveAsync(page);

        // The year filter: open it with the arrow key, go down a year, choose it with Enter.
        await Keyboard.TabToAsync(page, "[data-testid='filter-year'] input, input[data-testid='filter-year']");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.GetByRole(AriaRole.Option).First).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
        // The chosen year is what the select now shows.
        var year = await page.EvaluateAsync<string>(
            "() => { const s = document.querySelector(\"[data-testid='filter-year']\"); const i = s.matches('input') ? s : s.querySelector('input'); return (i?.value || s.innerText).match(/20[0-9]{2}/)?.[0] ?? ''; }");
        Assert.Matches("^20[0-9]{2}$", year);
        foreach (var planned in await page.GetByTestId("milestones").Locator("tbody tr td:nth-child(3)").AllInnerTextsAsync())
        {
            Assert.EndsWith(year, planned.Trim(), StringComparison.Ordinal);
        }

        await Keyboard.TabToAsync(page, "[data-testid='export-milestones']");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
        Assert.Contains($"year={year}", download.Url, StringComparison.Ordinal); // the export carries the page's filter
        var csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!));
        Assert.Contains(year, csv, StringComparison.Ordinal);
    }
}
