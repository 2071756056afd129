using System.Text.RegularExpressions;
using LsiWorkflow.Host.Features.Designer;
using LsiWorkflow.Host.Features.Instances;
using LsiWorkflow.Host.Features.Tasks;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Host.Tests.Infrastructure;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LsiWorkflow.Host.Tests.Features.Designer;

public sealed class DesignerBrowserTests(HostFixture host) : HostTest(host)
{
    [Fact]
    public async Task Secretary_builds_an_approval_workflow_from_the_palette_publishes_it_and_the_monitor_shows_the_path_it_ran()
    {
        await Host.CreateUserAsync("secretaris", "SZW", Roles.Secretary);
        await using var context = await Host.NewBrowserContextAsync();
        var page = await Infrastructure.Browser.SignInAsync(context, "secretaris", HostFixture.Password);
        await page.SetViewportSizeAsync(1600, 1000);
        try
        {
            await BuildAsync(page);
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "designer-failure.png"), FullPage = true });
            throw;
        }

        var stored = await SendAsync(new GetDefinition(Actors.Secretary, "uwv-goedkeuring"));
        Assert.Equal(DefinitionStatus.Published, stored.Status);
        var definition = Engine.Definitions.DefinitionSerializer.Parse(stored.Json);
        Assert.Equal(["Start", "HumanTask", "Decision", "End"], definition.Activities.Select(a => a.Type));
        Assert.Contains(definition.Connections, c => c is { Source: "humanTask1", Outcome: "Goedkeuren", Target: "decision1" });
        Assert.Contains(definition.Connections, c => c is { Source: "decision1", Outcome: "False", Target: "end1" });

        // It runs: started, the UWV partner approves, and the monitor shows the path it took to the end.
        var partner = new Actor("partner.uwv", "UWV", new HashSet<string> { Roles.Partner });
        var started = await SendAsync(new StartInstance("uwv-goedkeuring", null, null, null, new Actor("secretaris", "SZW", new HashSet<string> { Roles.Secretary })));
        await page.GotoAsync($"/instances/{started.InstanceId}");
        await Infrastructure.Browser.WaitForInteractiveAsync(page);
        await Assertions.Expect(Node(page, "humanTask1")).ToHaveClassAsync(new Regex("mark-waiting"));
        var task = Assert.Single(await SendAsync(new ListOpenTasks(partner)));
        await SendAsync(new DecideTask(task.Id, "Goedkeuren", null, null, partner));

        await page.GotoAsync("/instances");
        await Infrastructure.Browser.WaitForInteractiveAsync(page);
        await page.GetByTestId("instance-row").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByTestId("instance-status")).ToHaveTextAsync("Afgerond");
        foreach (var passed in new[] { "start1", "humanTask1", "decision1", "end1" })
        {
            await Assertions.Expect(Node(page, passed)).ToHaveClassAsync(new Regex("mark-visited"));
        }
        await Assertions.Expect(page.GetByTestId("journal")).ToContainTextAsync("Goedkeuren");
    }

    [Fact]
    public async Task Secretary_copies_and_pastes_an_activity_exports_the_diagram_and_rolls_back_to_an_earlier_version()
    {
        await Host.CreateUserAsync("secretaris", "SZW", Roles.Secretary);
        var anna = new Actor("secretaris", "SZW", new HashSet<string> { Roles.Secretary });
        foreach (var (name, organisation) in new[] { ("Eerste", "UWV"), ("Tweede", "SVB") })
        {
            await SendAsync(new SaveDraft($$"""
                { "schemaVersion": 1, "id": "akkoord", "name": "{{name}}", "version": 1, "variables": [],
                  "activities": [ { "id": "start", "type": "Start", "position": { "x": 0, "y": 0 } },
                                  { "id": "review", "type": "HumanTask", "position": { "x": 260, "y": 0 },
                                    "properties": { "title": "Akkoord?", "assignee": { "organisations": ["{{organisation}}"] }, "outcomes": ["Akkoord"] } },
                                  { "id": "end", "type": "End", "position": { "x": 520, "y": 0 } } ],
                  "connections": [ { "source": "start", "target": "review" }, { "source": "review", "outcome": "Akkoord", "target": "end" } ] }
                """, null, anna));
            await SendAsync(new PublishDefinition("akkoord", anna));
        }
        await using var context = await Host.NewBrowserContextAsync();
        var page = await Infrastructure.Browser.SignInAsync(context, "secretaris", HostFixture.Password);
        await page.SetViewportSizeAsync(1600, 1000);
        Assertions.SetDefaultExpectTimeout(15_000);
        try
        {
            await page.GotoAsync("/designer/akkoord");
            await Infrastructure.Browser.WaitForInteractiveAsync(page);

            // Copy the task and paste it: a new activity with a new id, the original untouched.
            await Node(page, "review").Locator(".activity-head").ClickAsync();
            await Assertions.Expect(Field(page, "activity-id")).ToHaveValueAsync("review");
            await page.GetByTestId("copy").ClickAsync();
            await page.GetByTestId("paste").ClickAsync();
            await Assertions.Expect(Node(page, "humanTask1")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("unsaved")).ToBeVisibleAsync();

            // The diagram downloads as an SVG file with every activity in it.
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-svg").ClickAsync());
            Assert.Equal("akkoord.svg", download.SuggestedFilename);
            var svg = await File.ReadAllTextAsync((await download.PathAsync())!);
            Assert.Contains("data-activity-id=\"humanTask1\"", svg, StringComparison.Ordinal);
            // And as PNG, drawn by the browser: the file starts with the PNG signature.
            var png = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-png").ClickAsync());
            var bytes = await File.ReadAllBytesAsync((await png.PathAsync())!);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);

            // Compare version 1 with 2, then make version 1 the draft again. The pasted copy may not be saved yet:
            // leaving then asks first, and the answer is to leave.
            page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
            await page.GotoAsync("/designer/akkoord/versions");
            await Infrastructure.Browser.WaitForInteractiveAsync(page);
            await page.GetByTestId("compare").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=change][data-kind=Changed]").Filter(new() { HasText = "review" })).ToBeVisibleAsync();
            await page.GetByTestId("roll-back-1").ClickAsync();
            await Assertions.Expect(page.GetByTestId("versions-message")).ToContainTextAsync("Versie 1 is het concept geworden (versie 3).");
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "designer-versions-failure.png"), FullPage = true });
            throw;
        }

        var draft = await SendAsync(new GetDefinition(Actors.Secretary, "akkoord"));
        Assert.Equal((DefinitionStatus.Draft, "Eerste", 3), (draft.Status, draft.Name, draft.Version));
    }

    [Fact]
    public async Task Secretary_builds_a_partner_approval_by_choosing_only_leaves_half_way_comes_back_publishes_and_follows_it()
    {
        await Host.CreateUserAsync("secretaris", "SZW", Roles.Secretary);
        await using var context = await Host.NewBrowserContextAsync();
        var page = await Infrastructure.Browser.SignInAsync(context, "secretaris", HostFixture.Password);
        await page.SetViewportSizeAsync(1600, 1000);
        Assertions.SetDefaultExpectTimeout(15_000);
        try
        {
            await page.GotoAsync("/designer/bestaat-niet");
            await Infrastructure.Browser.WaitForInteractiveAsync(page);
            await Assertions.Expect(page.GetByTestId("designer-not-found")).ToBeVisibleAsync();

            await page.GotoAsync("/designer");
            await Infrastructure.Browser.WaitForInteractiveAsync(page);
            await Field(page, "new-id").FillAsync("partner-akkoord");
            await Field(page, "new-name").FillAsync("Akkoord van partners");
            await page.GetByTestId("new-definition").ClickAsync();
            await Assertions.Expect(page.GetByTestId("designer-title")).ToHaveTextAsync("Akkoord van partners");

            await page.GetByTestId("palette-Start").ClickAsync();
            await page.GetByTestId("palette-HumanTask").ClickAsync();
            await Assertions.Expect(Node(page, "humanTask1")).ToBeVisibleAsync();
            await Field(page, "prop-title").FillAsync("Akkoord UWV en SVB");
            await Field(page, "prop-title").PressAsync("Tab");
            // The box shows the task's title and its kind.
            await Assertions.Expect(Node(page, "humanTask1").Locator(".activity-label")).ToHaveTextAsync("Akkoord UWV en SVB");
            await Assertions.Expect(Node(page, "humanTask1").GetByTestId("activity-kind")).ToHaveTextAsync("Taak");

            // Two organisations picked by name: the safe completion is chosen and its consequence spelled out.
            await ChooseAsync(page, "assign-organisations", "UWV", "Sociale Verzekeringsbank");
            await Assertions.Expect(page.GetByTestId("completion-consequence")).ToContainTextAsync("Alle organisaties moeten beslissen");

            // Leaves half-way: the draft saves with its problems, counted in the right plural.
            await page.GetByTestId("save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("designer-message")).ToContainTextAsync("Nog op te lossen voor het publiceren");
            await Assertions.Expect(page.GetByTestId("problem-count")).ToContainTextAsync(new Regex(@"\d+ problemen|1 probleem"));
            await page.GotoAsync("/designer");
            await Infrastructure.Browser.WaitForInteractiveAsync(page);

            // Comes back and finishes: outcomes, a term of 14 days, reminders 3 and 1 days before it.
            await page.GotoAsync("/designer/partner-akkoord");
            await Infrastructure.Browser.WaitForInteractiveAsync(page);
            await Node(page, "humanTask1").Locator(".activity-head").ClickAsync();
            await Field(page, "prop-outcomes").FillAsync("Akkoord\nNiet akkoord");
            await Field(page, "prop-outcomes").PressAsync("Tab");
            await DurationCount(page, "prop-dueIn", 0).FillAsync("14");
            await page.GetByTestId("prop-reminders").GetByTestId("duration-add").ClickAsync();
            await DurationCount(page, "prop-reminders", 0).FillAsync("3");
            await page.GetByTestId("prop-reminders").GetByTestId("duration-add").ClickAsync();
            await DurationCount(page, "prop-reminders", 1).FillAsync("1");
            await DurationCount(page, "prop-reminders", 1).PressAsync("Tab");

            await page.GetByTestId("palette-HumanTask").ClickAsync();
            await Assertions.Expect(Node(page, "humanTask2")).ToBeVisibleAsync();
            await Field(page, "prop-title").FillAsync("Vaststellen door de stuurgroep");
            await Field(page, "prop-title").PressAsync("Tab");
            await ChooseAsync(page, "assign-role", "Stuurgroeplid");
            await page.GetByTestId("palette-End").ClickAsync();
            await Assertions.Expect(Node(page, "end1")).ToBeVisibleAsync();
            await page.GetByTestId("tidy").ClickAsync();

            await ConnectAsync(page, "start1", "Done", "humanTask1");
            await ConnectAsync(page, "humanTask1", "Akkoord", "humanTask2");
            await ConnectAsync(page, "humanTask1", "Niet akkoord", "end1");
            await ConnectAsync(page, "humanTask2", "Gereed", "end1");
            await Assertions.Expect(page.GetByTestId("no-problems")).ToBeVisibleAsync();
            await page.GetByTestId("publish").ClickAsync();
            await Assertions.Expect(page.GetByTestId("designer-message")).ToContainTextAsync("Gepubliceerd als versie");
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "designer-partner-failure.png"), FullPage = true });
            throw;
        }

        // Stored in the engine's own format: nothing typed as JSON or ISO, yet exactly this.
        var stored = Engine.Definitions.DefinitionSerializer.Parse((await SendAsync(new GetDefinition(Actors.Secretary, "partner-akkoord"))).Json);
        var review = stored.Activities.Single(a => a.Id == "humanTask1").Properties!;
        Assert.Equal("""["UWV","SVB"]""", review["assignee"]!["organisations"]!.ToJsonString());
        Assert.Equal("all", review["completion"]!.GetValue<string>());
        Assert.Equal("P14D", review["dueIn"]!.GetValue<string>());
        Assert.Equal("""["P3D","P1D"]""", review["reminders"]!.ToJsonString());
        Assert.Equal("SteeringGroupMember", stored.Activities.Single(a => a.Id == "humanTask2").Properties!["assignee"]!["role"]!.GetValue<string>());

        // Started, both partners agree, and the monitor shows the connections taken.
        var started = await SendAsync(new StartInstance("partner-akkoord", null, null, null, new Actor("secretaris", "SZW", new HashSet<string> { Roles.Secretary })));
        foreach (var organisation in new[] { "UWV", "SVB" })
        {
            var partner = new Actor($"partner.{organisation}", organisation, new HashSet<string> { Roles.Partner });
            var task = Assert.Single(await SendAsync(new ListOpenTasks(partner)));
            await SendAsync(new DecideTask(task.Id, "Akkoord", null, null, partner));
        }
        await page.GotoAsync($"/instances/{started.InstanceId}");
        await Infrastructure.Browser.WaitForInteractiveAsync(page);
        await Assertions.Expect(Node(page, "humanTask2")).ToHaveClassAsync(new Regex("mark-waiting"));
        await Assertions.Expect(page.Locator(".diagram-link path[stroke='#2e7d32']").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("tasks")).ToContainTextAsync("Afgerond");
    }

    private Task<T> SendAsync<T>(IQuery<T> query) => Host.InScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(query).AsTask());

    private Task<T> SendAsync<T>(ICommand<T> command) => Host.InScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(command).AsTask());

    private static async Task BuildAsync(IPage page)
    {
        Assertions.SetDefaultExpectTimeout(15_000); // the machine is shared; a slow moment is not a failure
        await page.GotoAsync("/designer");
        await Infrastructure.Browser.WaitForInteractiveAsync(page);
        await Field(page, "new-id").FillAsync("uwv-goedkeuring");
        await Field(page, "new-name").FillAsync("Goedkeuring door UWV");
        await page.GetByTestId("new-definition").ClickAsync();
        await Assertions.Expect(page.GetByTestId("designer-title")).ToHaveTextAsync("Goedkeuring door UWV");

        // An empty workflow has no start: the designer says so and refuses to publish (a draft saves with its problems).
        await Assertions.Expect(page.Locator("[data-testid=problem][data-code=no-start]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("publish")).ToBeDisabledAsync();

        await page.GetByTestId("palette-Start").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=problem][data-code=no-start]")).ToHaveCountAsync(0);

        await page.GetByTestId("palette-HumanTask").ClickAsync();
        await Assertions.Expect(Node(page, "humanTask1")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=problem][data-code=missing-required-property]").First).ToBeVisibleAsync();
        await Field(page, "prop-title").FillAsync("Keur het project goed");
        await Field(page, "prop-title").PressAsync("Tab");
        // The assignment as JSON is behind the advanced switch.
        await page.Locator("[data-testid=advanced] input, input[data-testid=advanced]").First.CheckAsync();
        await Field(page, "prop-assignee").FillAsync("""{ "organisations": ["UWV"] }""");
        await Field(page, "prop-assignee").PressAsync("Tab");
        await Field(page, "prop-outcomes").FillAsync("Goedkeuren\nAfwijzen");
        await Field(page, "prop-outcomes").PressAsync("Tab");
        await Assertions.Expect(Outcome(page, "humanTask1", "Afwijzen")).ToBeVisibleAsync();

        await page.GetByTestId("palette-Decision").ClickAsync();
        await Assertions.Expect(Node(page, "decision1")).ToBeVisibleAsync();
        // A broken condition is reported while typing, then fixed.
        var condition = Field(page, "prop-condition");
        await condition.FillAsync("activities.humanTask1.outcome == (");
        await condition.PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("prop-condition").Locator(".mud-input-control.mud-input-error")).ToBeVisibleAsync();
        await condition.FillAsync("activities.humanTask1.outcome == \"Goedkeuren\"");
        await condition.PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("prop-condition").Locator(".mud-input-control.mud-input-error")).ToHaveCountAsync(0);

        await page.GetByTestId("palette-End").ClickAsync();
        await Assertions.Expect(Node(page, "end1")).ToBeVisibleAsync();
        await page.GetByTestId("zoom-fit").ClickAsync();

        // Unconnected activities are unreachable: connect outcome ports to activities by dragging.
        await Assertions.Expect(page.Locator("[data-testid=problem][data-code=unreachable-activity]").First).ToBeVisibleAsync();
        await ConnectAsync(page, "start1", "Done", "humanTask1");
        await ConnectAsync(page, "humanTask1", "Goedkeuren", "decision1");
        await ConnectAsync(page, "humanTask1", "Afwijzen", "end1");
        await ConnectAsync(page, "decision1", "True", "end1");
        await ConnectAsync(page, "decision1", "False", "end1");

        await Assertions.Expect(page.GetByTestId("no-problems")).ToBeVisibleAsync();
        // A dry run waits at the task, takes the chosen outcome and shows the path on the canvas.
        await page.GetByTestId("dry-run").ClickAsync();
        await Assertions.Expect(Node(page, "humanTask1")).ToHaveClassAsync(new Regex("mark-waiting"));
        await page.GetByTestId("dry-run-humanTask1-Afwijzen").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dry-run-panel")).ToContainTextAsync("Afgerond");
        await Assertions.Expect(Node(page, "end1")).ToHaveClassAsync(new Regex("mark-visited"));
        await Assertions.Expect(Node(page, "decision1")).Not.ToHaveClassAsync(new Regex("mark-visited"));
        await page.GetByTestId("dry-run-stop").ClickAsync();
        await page.GetByTestId("save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("designer-message")).ToContainTextAsync("Concept opgeslagen als versie 1.");
        await page.GetByTestId("publish").ClickAsync();
        await Assertions.Expect(page.GetByTestId("designer-message")).ToContainTextAsync("Gepubliceerd als versie 1.");

    }

    /// <summary>A MudBlazor text field's input, whether the test id sits on the input or around it.</summary>
    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid='{testId}'], textarea[data-testid='{testId}'], [data-testid='{testId}'] input, [data-testid='{testId}'] textarea").First;

    private static ILocator DurationCount(IPage page, string property, int index) =>
        page.GetByTestId(property).Locator("[data-testid='duration-count'] input, input[data-testid='duration-count']").Nth(index);

    private static ILocator Node(IPage page, string activityId) => page.Locator($"[data-activity-id='{activityId}']");

    private static ILocator Outcome(IPage page, string activityId, string outcome) =>
        Node(page, activityId).Locator($".activity-outcome[data-outcome='{outcome}'] .diagram-port");

    /// <summary>Opens a MudBlazor select and clicks its options by their text; a multiple choice is closed after.</summary>
    private static async Task ChooseAsync(IPage page, string testId, params string[] options)
    {
        await page.Locator($"[data-testid='{testId}']").First.ClickAsync();
        foreach (var option in options)
        {
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(option)}\\s*$") }).First.ClickAsync();
        }
        // A multiple choice stays open: a click outside it closes it (Escape is lost now and then on a busy machine).
        if (await page.Locator(".mud-popover-open .mud-list-item").CountAsync() > 0)
        {
            await page.GetByTestId("designer-title").ClickAsync();
        }
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    private static async Task ConnectAsync(IPage page, string from, string outcome, string to)
    {
        var links = await page.Locator(".diagram-link").CountAsync();
        var port = (await Outcome(page, from, outcome).BoundingBoxAsync())!;
        var target = (await Node(page, to).Locator(".activity-head").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(port.X + port.Width / 2, port.Y + port.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(target.X + target.Width / 2, target.Y + target.Height / 2, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(page.Locator(".diagram-link")).ToHaveCountAsync(links + 1);
    }
}
