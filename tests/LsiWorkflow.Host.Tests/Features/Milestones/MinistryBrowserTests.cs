using System.Net.Http.Json;
using System.Text;
using LsiWorkflow.Domain.Seed;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LsiWorkflow.Host.Tests.Features.Milestones;

public sealed class MinistryBrowserTests(HostFixture host) : DomainTest(host)
{
    [Fact]
    public async Task Ministry_staff_see_the_next_evaluation_and_the_commitments_and_export_csv_without_edit_buttons()
    {
        await using var context = await Host.NewBrowserContextAsync();
        var page = await Infrastructure.Browser.SignInAsync(context, Ministry, HostFixture.Password);

        await page.GetByRole(AriaRole.Link, new() { Name = "Mijlpalen en toezeggingen" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("next-evaluation")).ToContainTextAsync("Volgende evaluatie convenant");
        await Assertions.Expect(page.GetByTestId("next-evaluation")).ToContainTextAsync("2027");
        await Assertions.Expect(page.GetByTestId("timeline-chart").Locator("circle").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("milestones")).ToContainTextAsync("Te laat: geplande datum verstreken en niet gerealiseerd");

        await page.GetByRole(AriaRole.Link, new() { Name = "Toezeggingen", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("commitments")).ToContainTextAsync("De vernieuwde gezamenlijke DPIA voor de wijkgerichte aanpak naar de Kamer sturen");
        await Assertions.Expect(page.GetByTestId("commitments")).ToContainTextAsync("Kamerbrief LSI van 26 januari 2023");
        // Read-only: the only button on the page is the export.
        await Assertions.Expect(page.Locator(".mud-main-content .mud-button-root")).ToHaveCountAsync(1);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-commitments").ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!));
        Assert.Contains("Toezegging;Bron;Uiterlijk;Status;Nagekomen op;Te laat;Nog open", csv, StringComparison.Ordinal);
        Assert.Contains("naar de Kamer sturen (streven: eerste kwartaal 2024).", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visitors_read_publications_with_the_withdrawn_record()
    {
        using var secretary = await Host.ClientForAsync(Secretary);
        var letter = LetterSeed.Id("publication:letter-evaluation");
        (await secretary.PostAsync(new Uri($"/api/publications/{letter}/withdraw", UriKind.Relative),
            JsonContent.Create(new { reason = "Vervangen door de gecorrigeerde brief." }))).EnsureSuccessStatusCode();
        await using var context = await Host.NewBrowserContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/publicaties");
        await Infrastructure.Browser.WaitForInteractiveAsync(page);

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Publicaties");
        await Assertions.Expect(page.GetByTestId("publication")).ToHaveCountAsync(3);
        var withdrawn = page.Locator("[data-testid='publication'][data-withdrawn='true']");
        await Assertions.Expect(withdrawn).ToContainTextAsync("Kamerbrief evaluatie convenant LSI (2023)");
        await Assertions.Expect(withdrawn.GetByTestId("withdrawn")).ToContainTextAsync("Ingetrokken op");
        await Assertions.Expect(withdrawn.GetByTestId("withdrawn")).ToContainTextAsync("Vervangen door de gecorrigeerde brief.");
        // Nothing else is open to them: the menu offers no ministry page.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Toezeggingen" })).ToHaveCountAsync(0);
    }
}
