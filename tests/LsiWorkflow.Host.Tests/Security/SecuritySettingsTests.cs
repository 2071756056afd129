using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Tests.Features.Designer;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LsiWorkflow.Host.Tests.Security;

/// <summary>Headers, cookies, anti-forgery, secrets kept out of the repository and personal data kept out of the logs.</summary>
public sealed partial class SecuritySettingsTests(HostFixture host) : HostTest(host)
{
    [Fact]
    public async Task The_language_cookie_is_http_only_and_same_site_and_secure_when_the_request_is()
    {
        using var anonymous = Host.CreateClient();
        using var response = await anonymous.GetAsync("/culture/set?culture=en&redirectUri=/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        // The test host is plain HTTP in the Testing environment, where cookies follow the request; outside
        // development every cookie of the host is Secure (see CookieSecurity above).
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/api/publications")]
    [InlineData("/health/live")]
    [InlineData("/api/me")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var anonymous = Host.CreateClient();

        using var response = await anonymous.GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_in_and_anti_forgery_cookies_are_http_only_same_site_and_secure_outside_development()
    {
        var cookie = Host.Factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).Cookie;
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteMode.Lax, cookie.SameSite);
        var antiforgery = Host.Factory.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>>().Value.Cookie;
        Assert.True(antiforgery.HttpOnly);
        Assert.Equal(SameSiteMode.Strict, antiforgery.SameSite);

        Assert.Equal(CookieSecurePolicy.Always, AccountsFeature.CookieSecurity(Environment("Production")));
        Assert.Equal(CookieSecurePolicy.Always, AccountsFeature.CookieSecurity(Environment("Staging")));
        Assert.Equal(CookieSecurePolicy.SameAsRequest, AccountsFeature.CookieSecurity(Environment("Development")));
    }

    [Fact]
    public async Task Forms_posted_without_their_anti_forgery_token_are_refused()
    {
        await Host.CreateUserAsync("secretaris", "SZW", Roles.Secretary);
        using var anonymous = Host.CreateClient();

        using var login = await anonymous.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "secretaris",
            ["Input.Password"] = HostFixture.Password,
            ["_handler"] = "login",
        }));
        using var logout = await anonymous.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }));

        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.Null(login.Headers.Contains("Set-Cookie") ? login.Headers.GetValues("Set-Cookie").FirstOrDefault(c => c.StartsWith("lsi.auth", StringComparison.Ordinal)) : null);
        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
    }

    [Fact]
    public void No_password_or_secret_has_a_value_in_a_tracked_configuration_file()
    {
        var root = DefinitionCanvasTests.RepositoryRoot();
        var files = TrackedFiles(root).Where(IsConfiguration).ToList();
        Assert.Contains(files, f => f.EndsWith("appsettings.json", StringComparison.Ordinal));

        var findings = files.SelectMany(file => File.ReadLines(Path.Combine(root, file)).Select((line, i) => (file, line, number: i + 1)))
            .Where(l => SecretValue(l.line) is not null)
            .Select(l => $"{l.file}:{l.number}: {l.line.Trim()}")
            .ToList();

        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Theory]
    [InlineData("\"Password\": \"hunter2-secret\"", true)]
    [InlineData("ConnectionStrings__Lsi: Host=db;Username=lsi;Password=geheim", true)]
    [InlineData("  ClientSecret=abc123", true)]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----", true)]
    [InlineData("\"ClientSecret\": \"\"", false)]
    [InlineData("POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}", false)]
    [InlineData("Host=db;Database=lsi;Username=lsi;Password=${POSTGRES_PASSWORD}", false)]
    [InlineData("# The database password comes from the environment", false)]
    public void The_secret_scanner_finds_values_and_leaves_references_alone(string line, bool secret) =>
        Assert.Equal(secret, SecretValue(line) is not null);

    [Fact]
    public async Task Signing_in_and_deciding_a_task_writes_no_personal_data_to_the_logs()
    {
        var world = await SecurityWorld.CreateAsync(Host);
        const string comment = "Vertrouwelijke toelichting over Jan Jansen";
        using var capture = new LogCapture();
        Host.Factory.Services.GetRequiredService<ILoggerFactory>().AddProvider(capture);

        using (var partner = await Host.ClientForAsync("partner.uwv"))
        {
            (await partner.PostAsJsonAsync($"/api/tasks/{world.TaskId}/complete", new { outcome = "Goedkeuren", comment })).EnsureSuccessStatusCode();
            // A refusal names who decided first; that belongs in the answer, not in the log.
            using var colleague = await Host.ClientForAsync(SecurityWorld.Colleague);
            Assert.Equal(HttpStatusCode.Conflict, (await colleague.PostAsJsonAsync($"/api/tasks/{world.TaskId}/complete", new { outcome = "Afwijzen", comment })).StatusCode);
        }
        using (var anonymous = Host.CreateClient())
        {
            await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "partner.uwv", password = "fout-wachtwoord-123" });
        }
        capture.Stop();

        var lines = capture.Lines;
        Assert.NotEmpty(lines);
        var leaks = lines.Where(l => EmailAddress().IsMatch(l) || l.Contains("partner.uwv", StringComparison.Ordinal)
            || l.Contains(SecurityWorld.Colleague, StringComparison.Ordinal) || l.Contains("Jan Jansen", StringComparison.Ordinal)
            || l.Contains("fout-wachtwoord", StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, string.Join('\n', leaks));
    }

    private static IHostEnvironment Environment(string name) => new HostEnvironmentStub { EnvironmentName = name };

    private static IEnumerable<string> TrackedFiles(string root)
    {
        using var git = Process.Start(new ProcessStartInfo("git", "ls-files") { WorkingDirectory = root, RedirectStandardOutput = true })!;
        var files = git.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        git.WaitForExit();
        return files;
    }

    private static bool IsConfiguration(string file) =>
        ConfigurationFile().IsMatch(file) && !file.StartsWith("migrations/", StringComparison.Ordinal);

    /// <summary>The value given to a password-like name on this line, unless it is empty or a reference such as ${VAR}.</summary>
    private static string? SecretValue(string line)
    {
        if (line.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            return line;
        }
        foreach (Match match in SecretAssignment().Matches(line))
        {
            var value = match.Groups["value"].Value;
            if (value.Length > 0 && !value.StartsWith('$'))
            {
                return value;
            }
        }
        return null;
    }

    [GeneratedRegex(@"(?i)(password|passwd|pwd|secret|api[_-]?key|access[_-]?key|private[_-]?key|token)[a-z_]*""?\s*[:=]\s*""?(?<value>[^""\s;,}]*)")]
    private static partial Regex SecretAssignment();

    [GeneratedRegex(@"(?i)(\.(json|ya?ml|env|config|props|targets|ini|toml|sh|xml)$|Dockerfile$|^\.ci/)")]
    private static partial Regex ConfigurationFile();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailAddress();

    private sealed class HostEnvironmentStub : IHostEnvironment
    {
        public required string EnvironmentName { get; set; }
        public string ApplicationName { get; set; } = "LsiWorkflow.Host";
        public string ContentRootPath { get; set; } = "";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    /// <summary>Keeps what is logged at Information or above while capturing.</summary>
    private sealed class LogCapture : ILoggerProvider
    {
        private readonly List<string> lines = [];
        private volatile bool capturing = true;

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (lines)
                {
                    return [.. lines];
                }
            }
        }

        public void Stop() => capturing = false;

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose() => capturing = false;

        private sealed class Logger(LogCapture owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (!owner.capturing || !IsEnabled(logLevel))
                {
                    return;
                }
                lock (owner.lines)
                {
                    owner.lines.Add($"{logLevel} {category}: {formatter(state, exception)} {exception?.Message}");
                }
            }
        }
    }
}
