using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Trace;

namespace LsiWorkflow.Host.Tests.Infrastructure;

/// <summary>The real host on the test database, with real Hangfire; only the clock is ours to move.</summary>
public sealed class LsiHostFactory : WebApplicationFactory<Program>
{
    /// <summary>Kestrel on a free port, so a real browser can reach the host as well as HttpClient.</summary>
    public LsiHostFactory() => UseKestrel(0);

    /// <summary>Where mails land: no SMTP server in tests, so they are written as .eml files here.</summary>
    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), "lsi-mail-" + Guid.NewGuid().ToString("N"));

    /// <summary>The address Kestrel listens on, e.g. http://127.0.0.1:41234.</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First());
        }
    }

    /// <summary>Spans the host's tracer ends, kept only while a test records them.</summary>
    public TraceRecorder Traces { get; } = new();

    /// <summary>Starts at a fixed moment so date rules are repeatable; tests advance it.</summary>
    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>The moment every test begins at (the reset puts the clock back here).</summary>
    public static DateTimeOffset Start { get; } = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Lsi"] = TestEnvironment.ConnectionString,
            ["Hangfire:WorkerCount"] = "8",
            ["Mail:PickupFolder"] = MailFolder,
            ["Retention:Enabled"] = "false", // tests move the clock by months: purging is tested by calling it
        }));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(Traces));
        });
    }
}
