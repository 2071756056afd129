using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LsiWorkflow.Host.Tests.Shared.Ui;

/// <summary>
/// What people read shows names, not codes, and one clock: organisations, roles and workflows in words, and
/// every time in Amsterdam time. A project approval started at 08:00 UTC on 5 January is 09:00 in Amsterdam.
/// </summary>
public sealed partial class NamesAndClockBrowserTests(HostFixture host) : WorkflowTest(host)
{
    private const string Started = "05-01-2026 09:00";
    private const string StartedInUtc = "05-01-2026 08:00";

    [Fact]
    public async Task The_secretary_reads_names_and_amsterdam_times_on_every_page_of_the_work()
    {
        var projectId = await ProposeAreaBasedProjectAsync("Wijkaanpak Rotterdam-Zuid");
        using (var secretary = await Host.ClientForAsync(Secretary))
        {
            await ReadAsync(await secretary.PostAsJsonAsync($"/api/projects/{projectId}/participants", new { organisation = "BD", sharesData = false }), HttpStatusCode.OK);
        }
        var instanceId = await StartAsync("project-approval", new { projectId });
        var intake = Assert.Single(await OpenTasksAsync(instanceId));

        await using var context = await Host.NewBrowserContextAsync();
        var page = await Infrastructure.Browser.SignInAsync(context, Secretary, HostFixture.Password);
        await Expect(page.GetByTestId("organisation")).ToHaveTextAsync("Ministerie van Sociale Zaken en Werkgelegenheid");
        await Expect(page.GetByTestId("roles")).ToHaveTextAsync("Secretaris");
        await AssertNamesAsync(page, "/");

        await GoAsync(page, "/tasks", "task-row");
        await Expect(page.GetByTestId("task-row")).ToContainTextAsync("Goedkeuring en start van een project");
        await Expect(page.GetByTestId("task-row")).ToContainTextAsync("Secretaris");
        await Expect(page.GetByTestId("task-project")).ToHaveTextAsync("Wijkaanpak Rotterdam-Zuid");
        await AssertNamesAsync(page, "/tasks");

        await GoAsync(page, $"/tasks/{intake.Id}", "project-card");
        await Expect(page.GetByTestId("project-municipality")).ToHaveTextAsync("Gemeente Rotterdam");
        await Expect(page.GetByTestId("project-participants")).ToContainTextAsync("Belastingdienst");
        await Expect(page.GetByTestId("journal")).ToContainTextAsync(Started);
        await Expect(page.GetByTestId("journal")).ToContainTextAsync("Intake door het secretariaat");
        await AssertNamesAsync(page, "task page", checkTime: true);

        await GoAsync(page, "/instances", "instance-row");
        await Expect(page.GetByTestId("instance-row")).ToContainTextAsync(Started);
        await Expect(page.GetByTestId("instance-row")).ToContainTextAsync("Wijkaanpak Rotterdam-Zuid");
        await AssertNamesAsync(page, "/instances", checkTime: true);

        await GoAsync(page, "/designer", "definitions");
        await Expect(page.GetByTestId("definitions")).ToContainTextAsync("Goedkeuring en start van een project");
        await AssertNamesAsync(page, "/designer", designer: true);

        await GoAsync(page, "/notifications", "notification-language");
        await AssertNamesAsync(page, "/notifications");
    }

    private static async Task GoAsync(IPage page, string path, string testId)
    {
        await page.GotoAsync(path);
        await Infrastructure.Browser.WaitForInteractiveAsync(page);
        await page.GetByTestId(testId).First.WaitForAsync();
    }

    /// <summary>The designer is the one place where a workflow's id is shown: secretaries choose it there.</summary>
    private static async Task AssertNamesAsync(IPage page, string where, bool checkTime = false, bool designer = false)
    {
        var text = await page.InnerTextAsync("body");
        if (designer)
        {
            text = text.Replace("project-approval", "", StringComparison.Ordinal);
        }
        var code = Codes().Match(text);
        Assert.False(code.Success, $"{where} shows the code '{code.Value}'.");
        if (checkTime)
        {
            Assert.DoesNotContain(StartedInUtc, text, StringComparison.Ordinal);
        }
    }

    /// <summary>Organisation codes, role codes and workflow ids as the API knows them.</summary>
    [GeneratedRegex(@"GEM-[A-Z]+|\bBD\b|\bDT\b|\bSZW\b|SteeringGroupMember|MinistryStaff|\bSecretary\b|project-approval|HumanTask|AreaBased")]
    private static partial Regex Codes();
}
