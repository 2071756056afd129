using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Shared.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LsiWorkflow.Inbox.Benchmarks;

/// <summary>The real host on a benchmark database: migrations applied, the workflow and inbox tables emptied first.</summary>
internal sealed class BenchmarkHost : WebApplicationFactory<Program>
{
    public static string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("ConnectionStrings__LsiBench")
        ?? "Host=127.0.0.1;Port=55432;Database=lsi_bench_inbox;Username=lsi;Maximum Pool Size=60";

    /// <summary>The host's content root is its project folder; the factory cannot guess it from a benchmark.</summary>
    public BenchmarkHost()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "src", "LsiWorkflow.Host")))
        {
            directory = directory.Parent;
        }
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_LSIWORKFLOW_HOST",
            Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Run the benchmark from the repository."), "src", "LsiWorkflow.Host"));
        // Mail options are read while the host is built, before the factory's configuration applies.
        Environment.SetEnvironmentVariable("Mail__PickupFolder", PickupFolder);
    }

    public string PickupFolder { get; } = Path.Combine(Path.GetTempPath(), $"lsi-bench-mail-{Guid.NewGuid():N}");


    public static async Task PrepareDatabaseAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        var options = new DbContextOptionsBuilder<LsiDbContext>();
        PersistenceExtensions.Configure(options, dataSource);
        await using var db = new LsiDbContext(options.Options);
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("""
            truncate lsi.workflow_tasks, lsi.workflow_timers, lsi.workflow_outbox, lsi.workflow_timer_wakeups,
                     lsi.workflow_instances, lsi.inbox_notifications
            """);
        // Jobs left by an earlier run would queue ahead of this run's wake-up.
        await db.Database.ExecuteSqlRawAsync("""
            do $$ begin
              if exists (select 1 from information_schema.tables where table_schema = 'hangfire' and table_name = 'job') then
                truncate hangfire.jobqueue, hangfire.job cascade;
              end if;
            end $$
            """);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Lsi"] = ConnectionString,
            ["Logging:LogLevel:Default"] = "Warning",
        }));
    }

    public async Task EnsureUserAsync(string userName, string organisation, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdentitySeeder>().EnsureRolesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LsiUser>>();
        if (await users.FindByNameAsync(userName) is not null)
        {
            return;
        }
        var user = new LsiUser { UserName = userName, Email = $"{userName}@bench.lsi.local", EmailConfirmed = true, DisplayName = userName, OrganisationCode = organisation };
        var created = await users.CreateAsync(user, "Bench-password-1234");
        if (!created.Succeeded || !(await users.AddToRoleAsync(user, role)).Succeeded)
        {
            throw new InvalidOperationException($"Could not create {userName}.");
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (Directory.Exists(PickupFolder))
        {
            Directory.Delete(PickupFolder, recursive: true);
        }
    }
}
