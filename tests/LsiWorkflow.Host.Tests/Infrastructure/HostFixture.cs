using System.Net.Http.Headers;
using System.Net.Http.Json;
using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Shared.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Respawn;

namespace LsiWorkflow.Host.Tests.Infrastructure;

/// <summary>
/// One host for all integration tests: migrations applied once, the database reset before each test
/// (Hangfire's schema and the migrations history are kept).
/// </summary>
public sealed class HostFixture : IAsyncLifetime
{
    public const string Password = "Test-password-1234";

    private Respawner? respawner;
    private readonly Dictionary<string, string> tokens = [];

    public LsiHostFactory Factory { get; } = new();

    public Browser Browser { get; } = new();

    public async Task InitializeAsync()
    {
        // Migrate before the host starts: outside Development it refuses a database that lacks migrations.
        await using (var dataSource = NpgsqlDataSource.Create(TestEnvironment.ConnectionString))
        {
            var options = new DbContextOptionsBuilder<LsiDbContext>();
            PersistenceExtensions.Configure(options, dataSource);
            await using var db = new LsiDbContext(options.Options);
            await db.Database.MigrateAsync();
        }
        await using var connection = new NpgsqlConnection(TestEnvironment.ConnectionString);
        await connection.OpenAsync();
        respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = [LsiDbContext.Schema],
            TablesToIgnore = ["__ef_migrations_history"],
        });
    }

    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.ConnectionString);
        await connection.OpenAsync();
        // The audit trail refuses deletes unless the session asks to empty it (see the LsiDomain migration).
        await using (var allow = new NpgsqlCommand("SET lsi.allow_audit_reset = 'on'", connection))
        {
            await allow.ExecuteNonQueryAsync();
        }
        // Background jobs of the previous test (Hangfire runs for real) may still be writing: a reset that
        // deadlocks with one of them is tried again, since the next test must start from empty tables.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await respawner!.ResetAsync(connection);
                break;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                await Task.Delay(50 * attempt);
            }
        }
        await using (var forbid = new NpgsqlCommand("RESET lsi.allow_audit_reset", connection))
        {
            await forbid.ExecuteNonQueryAsync();
        }
        tokens.Clear();
        Factory.Clock.AdjustTime(LsiHostFactory.Start); // a test that moved the clock must not move the next one's dates
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdentitySeeder>().EnsureRolesAsync();
    }

    public async Task<LsiUser> CreateUserAsync(string userName, string organisation, params string[] roles)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LsiUser>>();
        var user = new LsiUser
        {
            UserName = userName,
            Email = $"{userName}@test.lsi.local",
            EmailConfirmed = true,
            DisplayName = userName,
            OrganisationCode = organisation,
        };
        Check(await users.CreateAsync(user, Password));
        foreach (var role in roles)
        {
            Check(await users.AddToRoleAsync(user, role));
        }
        return user;
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, System.Net.CookieContainer> cookieJars = new();

    /// <summary>The cookies a client of <see cref="CreateClient"/> holds for the host, as a Cookie header.</summary>
    public string CookieOf(HttpClient client) => cookieJars.TryGetValue(client, out var jar) ? jar.GetCookieHeader(Factory.ServerAddress) : "";

    /// <summary>An anonymous client of the host; redirects are returned, not followed, so tests can see them.</summary>
    public HttpClient CreateClient()
    {
        var jar = new System.Net.CookieContainer();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = jar }) { BaseAddress = Factory.ServerAddress };
        cookieJars.Add(client, jar);
        return client;
    }

    /// <summary>A client that calls the API as the given user, signed in through the real token endpoint.</summary>
    public async Task<HttpClient> ClientForAsync(string userName)
    {
        if (!tokens.TryGetValue(userName, out var token))
        {
            using var anonymous = CreateClient();
            var response = await anonymous.PostAsJsonAsync("/api/auth/token", new { userName, password = Password });
            response.EnsureSuccessStatusCode();
            token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
            tokens[userName] = token;
        }
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Runs something inside a fresh DI scope of the host, as a request would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>A fresh browser context (no cookies) pointed at the host.</summary>
    public Task<Microsoft.Playwright.IBrowserContext> NewBrowserContextAsync(Microsoft.Playwright.ViewportSize? viewport = null) =>
        Browser.NewContextAsync(Factory.ServerAddress, viewport);

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Factory.DisposeAsync();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    private sealed record TokenResponse(string AccessToken);
}

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "host";
}

/// <summary>Base for tests against the host: resets the database first.</summary>
[Collection(HostCollection.Name)]
public abstract class HostTest(HostFixture host) : IAsyncLifetime
{
    protected HostFixture Host { get; } = host;

    public virtual Task InitializeAsync() => Host.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;
}
