using Microsoft.Playwright;

namespace LsiWorkflow.Host.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright, headless. Launched once, on first use; each test gets its own
/// context (cookies) so sign-ins never leak between tests.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private readonly SemaphoreSlim gate = new(1, 1);
    private IPlaywright? playwright;
    private IBrowser? browser;

    public async Task<IBrowserContext> NewContextAsync(Uri baseAddress, ViewportSize? viewport = null)
    {
        await gate.WaitAsync();
        try
        {
            if (browser is null)
            {
                if (!File.Exists(ChromiumPath))
                {
                    throw new InvalidOperationException($"Chromium is missing at {ChromiumPath}: run infra/install-chromium.sh");
                }
                playwright = await Playwright.CreateAsync();
                browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = Arguments });
            }
        }
        finally
        {
            gate.Release();
        }
        var options = new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), Locale = "nl-NL" };
        if (viewport is not null)
        {
            options.ViewportSize = viewport;
        }
        var context = await browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        return context;
    }

    /// <summary>Signs in through the real sign-in page and waits until the interactive UI is live.</summary>
    public static async Task<IPage> SignInAsync(IBrowserContext context, string userName, string password)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        await WaitForInteractiveAsync(page);
        return page;
    }

    /// <summary>Blazor Server answers clicks only once its circuit is up; the layout marks that moment.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.Locator("[data-interactive='true']").WaitForAsync();

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
        playwright?.Dispose();
        gate.Dispose();
    }
}
