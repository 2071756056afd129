using System.Reflection;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using LsiWorkflow.Host.Tests.Infrastructure;
using LsiWorkflow.Host.Tests.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Playwright;
using Xunit.Abstractions;
using RouteAttribute = Microsoft.AspNetCore.Components.RouteAttribute;

namespace LsiWorkflow.Host.Tests.Shared.Ui;

/// <summary>
/// WCAG 2.0 and 2.1, levels A and AA, checked by axe-core in Chromium on every page of the host, with zero
/// violations and zero console errors allowed. Every page is checked for every caller who may open it, in Dutch at
/// 1440×900, and once more for one caller per page in English at 390×844 (the full caller × language × size
/// product would take four times as long for little more coverage: the layout differs per caller only in its menu,
/// the texts per language only in their words). The pages come from the host's own route attributes, so a page without a check
/// fails the test.
/// </summary>
public sealed class AccessibilityTests(HostFixture host, ITestOutputHelper output) : HostTest(host)
{
    private const string Anonymous = "anonymous";
    private const string Secretary = "Secretary";
    private const string Partner = "Partner";
    private const string PartnerOther = "PartnerOtherOrganisation";
    private const string Steering = "SteeringGroupMember";
    private const string Ministry = "MinistryStaff";
    private const string Admin = "Admin";

    private static readonly string[] SignedIn = [Secretary, Partner, PartnerOther, Steering, Ministry, Admin];
    private static readonly string[] MinistryView = [Secretary, Steering, Ministry, Admin];
    private static readonly string[] Designers = [Secretary, Admin];

    private static readonly (int Width, int Height) Desktop = (1440, 900);
    private static readonly (int Width, int Height) Phone = (390, 844);

    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>What each routable page is checked as: its address with real ids, and the callers who open it.</summary>
    private sealed record PageCheck(string Url, string[] Callers);

    private static Dictionary<string, PageCheck> Checks(SecurityWorld world) => new()
    {
        ["/"] = new("/", SignedIn),
        ["/account/login"] = new("/account/login", [Anonymous]),
        ["/account/access-denied"] = new("/account/access-denied", [Anonymous, Partner]),
        ["/error"] = new("/error", [Anonymous, Secretary]),
        ["/not-found"] = new("/not-found", [Anonymous, Secretary]),
        ["/publicaties"] = new("/publicaties", [Anonymous, Secretary, Partner]),
        ["/toegankelijkheid"] = new("/toegankelijkheid", [Anonymous, Partner]),
        ["/designer"] = new("/designer", Designers),
        ["/designer/{DefinitionId}"] = new($"/designer/{SecurityWorld.DefinitionId}", Designers),
        ["/designer/{DefinitionId}/versions"] = new($"/designer/{SecurityWorld.DefinitionId}/versions", Designers),
        ["/instances"] = new("/instances", Designers),
        ["/instances/{InstanceId:guid}"] = new($"/instances/{world.InstanceId}", Designers),
        ["/milestones"] = new("/milestones", MinistryView),
        ["/commitments"] = new("/commitments", MinistryView),
        ["/recommendations"] = new("/recommendations", MinistryView),
        ["/projects"] = new("/projects", MinistryView),
        ["/progress"] = new("/progress", MinistryView),
        ["/notifications"] = new("/notifications", SignedIn),
        ["/tasks"] = new("/tasks", [Secretary, Partner, PartnerOther, Steering, Admin]),
        ["/account/invitation"] = new("/account/invitation", [Anonymous]),
        ["/instances/start"] = new("/instances/start", Designers),
        ["/my-account"] = new("/my-account", [Partner, Admin]),
        ["/people"] = new("/people", [Admin]),
        ["/organisations"] = new("/organisations", [Admin]),
        ["/projects/new"] = new("/projects/new", Designers),
        ["/projects/{ProjectId:guid}"] = new($"/projects/{world.ProjectId}", MinistryView),
        // The other organisation's partner sees the refusal, a page of its own.
        ["/tasks/{TaskId:guid}"] = new($"/tasks/{world.TaskId}", [Partner, Secretary, PartnerOther]),
    };

    [Fact]
    public async Task Every_page_meets_wcag_2_1_aa_for_every_caller_in_both_languages_and_sizes()
    {
        var world = await SecurityWorld.CreateAsync(Host);
        var checks = Checks(world);
        Assert.Equal(RoutablePages().Order(StringComparer.Ordinal), checks.Keys.Order(StringComparer.Ordinal));

        var runs = new List<(string Caller, string Language, (int, int) Size, string Url)>();
        foreach (var check in checks.Values)
        {
            runs.AddRange(check.Callers.Select(caller => (caller, "nl", Desktop, check.Url)));
            runs.Add((check.Callers[0], "en", Phone, check.Url));
        }

        var problems = new List<string>();
        foreach (var session in runs.GroupBy(r => (r.Caller, r.Language)))
        {
            await using var context = await Host.NewBrowserContextAsync();
            var page = await OpenAsync(context, session.Key.Caller, session.Key.Language);
            var consoleErrors = WatchConsole(page);
            foreach (var (_, language, size, url) in session)
            {
                await page.SetViewportSizeAsync(size.Item1, size.Item2);
                await VisitAsync(page, url);
                problems.AddRange(await CheckAsync(page, $"{url} as {session.Key.Caller}, {language}, {size.Item1}×{size.Item2}", language, consoleErrors));
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task States_with_a_menu_open_and_messages_shown_meet_wcag_2_1_aa()
    {
        var world = await SecurityWorld.CreateAsync(Host);
        var problems = new List<string>();

        await using (var context = await Host.NewBrowserContextAsync())
        {
            // A refused sign-in shows its message.
            var page = await context.NewPageAsync();
            var consoleErrors = WatchConsole(page);
            await page.GotoAsync("/account/login");
            await page.FillAsync("#username", "secretaris");
            await page.FillAsync("#password", "not-the-password");
            await page.ClickAsync("#sign-in");
            await Assertions.Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
            problems.AddRange(await CheckAsync(page, "/account/login with a wrong password", "nl", consoleErrors));
        }

        await using (var context = await Host.NewBrowserContextAsync())
        {
            var page = await OpenAsync(context, Secretary, "nl");
            var consoleErrors = WatchConsole(page);

            // The language menu open: a popup over the page.
            await page.GetByTestId("language-switch").Locator("button").ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "English" })).ToBeVisibleAsync();
            problems.AddRange(await CheckAsync(page, "/ with the language menu open", "nl", consoleErrors));
            await page.Keyboard.PressAsync("Escape");

            // A taken id in the designer's form shows its message.
            await VisitAsync(page, "/designer");
            await page.Locator("input[data-testid='new-id'], [data-testid='new-id'] input").First.FillAsync(SecurityWorld.DefinitionId);
            await page.Locator("input[data-testid='new-name'], [data-testid='new-name'] input").First.FillAsync("Dubbel");
            await Assertions.Expect(page.GetByText("Er bestaat al een werkstroom met dit kenmerk.")).ToBeVisibleAsync();
            problems.AddRange(await CheckAsync(page, "/designer with a taken id", "nl", consoleErrors));

            // A task's decision form with its fields.
            await VisitAsync(page, $"/tasks/{world.TaskId}");
            problems.AddRange(await CheckAsync(page, "/tasks/{id} with the decision form", "nl", consoleErrors));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>Every route the host's components declare with @page.</summary>
    private static IEnumerable<string> RoutablePages() =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .Distinct(StringComparer.Ordinal);

    private static async Task<IPage> OpenAsync(IBrowserContext context, string caller, string language)
    {
        var page = caller == Anonymous
            ? await context.NewPageAsync()
            : await Infrastructure.Browser.SignInAsync(context, SecurityWorld.Callers.Single(c => c.Caller == caller).UserName!, HostFixture.Password);
        if (language != "nl")
        {
            await page.GotoAsync($"/culture/set?culture={language}&redirectUri=%2Fpublicaties");
        }
        return page;
    }

    private static List<string> WatchConsole(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add(error);
            }
        };
        return errors;
    }

    private static readonly HashSet<string> StaticPages = [.. typeof(Program).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<ExcludeFromInteractiveRoutingAttribute>() is not null)
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))];

    /// <summary>Opens a page and waits until it is live and its heading is shown (its data has loaded).</summary>
    private static async Task VisitAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        // Pages rendered statically (sign-in, error pages) never become interactive; the others are checked once live.
        if (!StaticPages.Contains(url.Split('?')[0]) && await page.Locator("[data-interactive]").CountAsync() > 0)
        {
            await Infrastructure.Browser.WaitForInteractiveAsync(page);
        }
        await page.Locator("main").WaitForAsync();
        try
        {
            // Pages show their heading once their data is in; the check below reports a page without one.
            await page.Locator("h1").First.WaitForAsync(new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
        }
    }

    private async Task<IReadOnlyList<string>> CheckAsync(IPage page, string what, string language, List<string> consoleErrors)
    {
        var problems = new List<string>();
        var result = await page.RunAxe(WcagAa);
        foreach (var violation in result.Violations)
        {
            var nodes = string.Join("; ", violation.Nodes.Take(3).Select(n => $"{n.Target} {Shorten(n.Html)}"));
            problems.Add($"{what}: {violation.Id} ({violation.Impact}) {violation.Help} — {violation.Nodes.Length} element(s): {nodes}");
        }
        var headings = await page.Locator("h1").CountAsync();
        if (headings != 1)
        {
            problems.Add($"{what}: {headings} h1 elements, expected one");
        }
        var lang = await page.Locator("html").GetAttributeAsync("lang");
        if (lang != language)
        {
            problems.Add($"{what}: <html lang=\"{lang}\">, expected {language}");
        }
        lock (consoleErrors)
        {
            problems.AddRange(consoleErrors.Select(e => $"{what}: console error: {e}"));
            consoleErrors.Clear();
        }
        output.WriteLine($"{(problems.Count == 0 ? "ok  " : "FAIL")} {what}");
        foreach (var problem in problems)
        {
            output.WriteLine("     " + problem);
        }
        return problems;
    }

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";
}
