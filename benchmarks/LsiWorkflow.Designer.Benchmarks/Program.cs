using System.Diagnostics;
using System.Globalization;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Features.Designer;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace LsiWorkflow.Designer.Benchmarks;

/// <summary>
/// The designer in Chromium with a 150-activity definition: how long it takes to open (from following the link in
/// the definition list to every activity and connection drawn) and how long one drag step takes to answer (from the
/// pointer event to the moved activity in the page). Prints the figures as key=value on one line.
/// </summary>
internal static class DesignerBenchmark
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string UserName = "benchmark.secretaris";
    private const string Password = "Benchmark-password-1234";

    public static async Task Main(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__LsiBench")
            ?? throw new InvalidOperationException("Set ConnectionStrings__LsiBench to a database the benchmark may use (it migrates it and saves one draft).");
        var opens = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        var dragSteps = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
        var activityCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 150;

        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            var options = new DbContextOptionsBuilder<LsiDbContext>();
            PersistenceExtensions.Configure(options, dataSource);
            await using var db = new LsiDbContext(options.Options);
            await db.Database.MigrateAsync();
        }

        await using var factory = new BenchmarkHost(connectionString);
        var address = factory.ServerAddress;
        var (json, activities, connections) = LargeDefinition.Generate(activityCount);
        await PrepareAsync(factory.Services, json);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        await using var context = await browser.NewContextAsync(new() { BaseURL = address.ToString(), Locale = "nl-NL", ViewportSize = new() { Width = 1600, Height = 1000 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", UserName);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#sign-in");
        await page.Locator("[data-interactive='true']").WaitForAsync();

        // A full page load (new circuit) once, for reference; the target is about opening within the running app.
        Console.Error.WriteLine("signed in; opening the designer");
        var load = Stopwatch.StartNew();
        await page.GotoAsync($"/designer/{LargeDefinition.Id}");
        await WaitUntilDrawnAsync(page, activities, connections);
        var fullLoadMs = load.Elapsed.TotalMilliseconds;

        Console.Error.WriteLine($"full load {fullLoadMs:0} ms; measuring opens");
        var openTimes = new List<double>();
        var nodeTimes = new List<double>();
        for (var i = 0; i < opens + 2; i++)
        {
            await page.EvaluateAsync("url => Blazor.navigateTo(url)", "/designer");
            await page.GetByTestId("definitions").WaitForAsync();
            await page.Locator("[data-activity-id]").First.WaitForAsync(new() { State = WaitForSelectorState.Detached });
            var ms = await page.EvaluateAsync<double[]>(OpenProbe, new object[] { $"/designer/{LargeDefinition.Id}", activities, connections });
            if (ms[1] < 0)
            {
                throw new InvalidOperationException("The designer did not draw the definition within 30 s.");
            }
            if (i >= 2)
            {
                // the first two warm up the server's rendering paths
                nodeTimes.Add(ms[0]);
                openTimes.Add(ms[1]);
            }
        }

        Console.Error.WriteLine($"opens {string.Join(' ', openTimes.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))}; measuring drag steps");
        var dragTimes = await DragAsync(page, dragSteps);

        Console.WriteLine(string.Join(' ',
            Figure("activities", activities),
            Figure("connections", connections),
            Figure("open_ms_p50", Percentile(openTimes, 0.50)),
            Figure("open_ms_p95", Percentile(openTimes, 0.95)),
            Figure("drag_ms_p50", Percentile(dragTimes, 0.50)),
            Figure("drag_ms_p95", Percentile(dragTimes, 0.95)),
            Figure("activities_shown_ms_p50", Percentile(nodeTimes, 0.50)),
            Figure("full_load_ms", fullLoadMs),
            Figure("opens", openTimes.Count),
            Figure("drag_steps", dragTimes.Count)));
    }

    /// <summary>
    /// Follows the link in the running app and resolves when every activity and connection is in the page: the time a
    /// secretary waits between clicking a definition and seeing all of it.
    /// </summary>
    private const string OpenProbe = """
        ([url, activities, connections]) => new Promise(resolve => {
            const started = performance.now();
            let nodes = 0;
            const check = () => {
                if (!nodes && document.querySelectorAll('[data-activity-id]').length === activities) {
                    nodes = performance.now() - started;
                }
                if (nodes && document.querySelectorAll('.diagram-link path[d]').length >= connections) {
                    resolve([nodes, performance.now() - started]);
                } else {
                    requestAnimationFrame(check);
                }
            };
            Blazor.navigateTo(url);
            requestAnimationFrame(check);
            setTimeout(() => resolve([-1, -1]), 30000);
        })
        """;

    /// <summary>
    /// Arms a one-shot probe: the time from the next pointer move the page receives to the moment the dragged
    /// activity's position changes in the page.
    /// </summary>
    private const string DragProbe = """
        id => {
            const node = document.querySelector(`[data-activity-id='${id}']`).closest('.diagram-node');
            window.dragProbe = new Promise(resolve => {
                let started = 0;
                document.addEventListener('pointermove', () => { started = performance.now(); }, { capture: true, once: true });
                const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now() - started); });
                observer.observe(node, { attributes: true, attributeFilter: ['style'] });
                setTimeout(() => { observer.disconnect(); resolve(-1); }, 5000);
            });
        }
        """;

    private static async Task<List<double>> DragAsync(IPage page, int steps)
    {
        const string activityId = "task31";
        var head = page.Locator($"[data-activity-id='{activityId}'] .activity-head");
        await head.ScrollIntoViewIfNeededAsync();
        var box = (await head.BoundingBoxAsync())!;
        var (x, y) = (box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.MoveAsync((float)x, (float)y);
        await page.Mouse.DownAsync();
        var times = new List<double>();
        for (var i = 1; i <= steps + 5; i++)
        {
            await page.EvaluateAsync(DragProbe, activityId);
            // Back and forth over four steps of more than the grid (20 px), so every step moves the activity and it
            // stays on screen however many steps are taken.
            var offset = (i % 8 < 4 ? i % 4 : 4 - i % 4) * 24;
            await page.Mouse.MoveAsync((float)(x + offset), (float)(y + offset));
            var ms = await page.EvaluateAsync<double>("() => window.dragProbe");
            if (ms < 0)
            {
                throw new InvalidOperationException($"Drag step {i} did not move the activity within 5 s.");
            }
            if (i > 5)
            {
                times.Add(ms);
            }
        }
        await page.Mouse.UpAsync();
        return times;
    }

    private static async Task WaitUntilDrawnAsync(IPage page, int activities, int connections)
    {
        try
        {
            await WaitForDrawnAsync(page, activities, connections);
        }
        catch (TimeoutException)
        {
            var drawn = await page.EvaluateAsync<string>("() => document.querySelectorAll('[data-activity-id]').length + ' activities, ' + document.querySelectorAll('.diagram-link path[d]').length + ' connections'");
            throw new InvalidOperationException($"The designer drew {drawn} of {activities} and {connections} within 30 s.");
        }
    }

    private static Task WaitForDrawnAsync(IPage page, int activities, int connections) =>
        page.WaitForFunctionAsync(
            "([a, c]) => document.querySelectorAll('[data-activity-id]').length === a && document.querySelectorAll('.diagram-link path[d]').length >= c",
            new object[] { activities, connections },
            new() { PollingInterval = 10 });

    private static async Task PrepareAsync(IServiceProvider services, string json)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdentitySeeder>().EnsureRolesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LsiUser>>();
        if (await users.FindByNameAsync(UserName) is null)
        {
            var user = new LsiUser { UserName = UserName, Email = "bench.secretaris@lsi.local", EmailConfirmed = true, DisplayName = "Benchmark", OrganisationCode = Organisations.Szw };
            await users.CreateAsync(user, Password);
            await users.AddToRoleAsync(user, Roles.Secretary);
        }

        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        uint? rowVersion = null;
        try
        {
            var current = await mediator.Send(new GetDefinition(new Actor("secretaris", "SZW", new HashSet<string> { Roles.Secretary }), LargeDefinition.Id));
            rowVersion = current.Status == DefinitionStatus.Draft ? current.RowVersion : null;
        }
        catch (NotFoundException)
        {
            // the first run creates it
        }
        await mediator.Send(new SaveDraft(json, rowVersion, new Actor(UserName, Organisations.Szw, new HashSet<string> { Roles.Secretary })));
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static string Figure(string key, double value) => string.Create(CultureInfo.InvariantCulture, $"{key}={value:0.#}");
}

/// <summary>The real host over Kestrel on a free port, so Chromium can reach it; Hangfire's server stays off.</summary>
internal sealed class BenchmarkHost : WebApplicationFactory<Program>
{
    private readonly string connectionString;

    public BenchmarkHost(string connectionString)
    {
        this.connectionString = connectionString;
        UseKestrel(0);
    }

    public Uri ServerAddress
    {
        get
        {
            StartServer();
            return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSolutionRelativeContentRoot("src/LsiWorkflow.Host");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Lsi"] = connectionString,
            ["Hangfire:Server"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
    }
}
