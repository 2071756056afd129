using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace LsiWorkflow.Host.Tests.Infrastructure;

/// <summary>The real host on the test database, with real Hangfire; only the clock is ours to move.</summary>
public sealed class LsiHostFactory : WebApplicationFactory<Program>
{
    /// <summary>Kestrel on a free port, so a real browser can reach the host as well as HttpClient.</summary>
    public LsiHostFactory() => UseKestrel(0);

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

    /// <summary>
    /// Starts at a fixed moment (9:00 in the Netherlands) so date rules are repeatable; tests advance it. Given in
    /// UTC, as TimeProvider.GetUtcNow promises: PostgreSQL's timestamptz takes only offset 0.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Lsi"] = TestEnvironment.ConnectionString,
            ["Hangfire:WorkerCount"] = "4",
        }));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }
}
