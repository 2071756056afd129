using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Features.Designer;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace LsiWorkflow.Host.Shared.Startup;

/// <summary>
/// What happens before the host serves: the <c>migrate</c>, <c>seed</c> and <c>create-admin</c> commands, the check that the
/// database can be reached, and in Development the migrations and demo users.
/// </summary>
public static class StartupCommands
{
    public const int ExitConfiguration = 2;
    public const int ExitDatabase = 3;

    /// <summary>
    /// Returns an exit code when the process should end instead of serving. The host is then disposed first, which
    /// writes out the log lines still queued for the console: without it the one line naming the problem was
    /// sometimes lost when the process ended at once.
    /// </summary>
    public static async Task<int?> PrepareAsync(this WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        var exitCode = await PrepareOrExitAsync(app, args);
        if (exitCode is not null)
        {
            await app.DisposeAsync();
        }
        return exitCode;
    }

    private static async Task<int?> PrepareOrExitAsync(WebApplication app, string[] args)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LsiWorkflow.Startup");
        // A command is the first argument; the rest (e.g. --urls) is configuration.
        var command = args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal) ? args[0] : null;

        var connectionString = app.Configuration.GetConnectionString(PersistenceExtensions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            log.LogCritical("No connection string: set ConnectionStrings__Lsi (environment) or ConnectionStrings:Lsi (appsettings)");
            return ExitConfiguration;
        }
        if (await CheckDatabaseAsync(app.Services, log) is { } failure)
        {
            return failure;
        }

        switch (command)
        {
            case "migrate":
                await MigrateAsync(app.Services, log);
                return 0;
            case "seed":
                await MigrateAsync(app.Services, log);
                await SeedAsync(app.Services, app.Environment.IsDevelopment());
                await PublishShippedWorkflowsAsync(app.Services);
                return 0;
            case CreateAdministratorCommand.Name:
                if (await PendingMigrationsAsync(app.Services) is { Count: > 0 })
                {
                    log.LogCritical("The database lacks migrations: run the host with the 'migrate' command first");
                    return ExitDatabase;
                }
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    return await scope.ServiceProvider.GetRequiredService<CreateAdministratorCommand>()
                        .RunAsync([.. args.Skip(1).TakeWhile(a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal))], CreateAdministratorCommand.ReadPassword);
                }
            case null:
                break;
            default:
                log.LogCritical("Unknown command {Command}: use migrate, seed, create-admin, or no command to serve", command);
                return ExitConfiguration;
        }

        if (app.Environment.IsDevelopment())
        {
            await MigrateAsync(app.Services, log);
            await SeedAsync(app.Services, demoUsers: true);
        }
        else if (await PendingMigrationsAsync(app.Services) is { Count: > 0 } pending)
        {
            log.LogCritical("The database lacks {Count} migration(s) ({First} ...): run the host with the 'migrate' command first",
                pending.Count, pending[0]);
            return ExitDatabase;
        }

        await PublishShippedWorkflowsAsync(app.Services);
        app.Services.ScheduleSweep();
        app.Lifetime.ApplicationStarted.Register(() =>
            log.LogInformation("LSI Workflow is listening on {Urls}", string.Join(", ", app.Urls)));
        return null;
    }

    private static async Task<int?> CheckDatabaseAsync(IServiceProvider services, ILogger log)
    {
        try
        {
            await using var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or InvalidOperationException or TimeoutException)
        {
            // One line that names the problem; the stack trace helps nobody here.
            log.LogCritical("Cannot reach the database given by ConnectionStrings__Lsi: {Reason}", ex.GetBaseException().Message);
            return ExitDatabase;
        }
    }

    private static async Task MigrateAsync(IServiceProvider services, ILogger log)
    {
        await using var scope = services.CreateAsyncScope();
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        if (await HasMigrationsHistoryAsync(dataSource))
        {
            var db = scope.ServiceProvider.GetRequiredService<LsiDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            if (pending.Count > 0)
            {
                log.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                await db.Database.MigrateAsync();
            }
            return;
        }
        // An empty database. The provider reads the history table before creating it and EF logs that read's failure
        // as an error ("Failed executing DbCommand"), although nothing is wrong: on this first run only, that one kind
        // of message is written at Debug. A migration that really fails still throws, with PostgreSQL's reason.
        var options = new DbContextOptionsBuilder<LsiDbContext>()
            .UseLoggerFactory(services.GetRequiredService<ILoggerFactory>())
            .ConfigureWarnings(w => w.Log((RelationalEventId.CommandError, LogLevel.Debug)));
        PersistenceExtensions.Configure(options, dataSource);
        await using var fresh = new LsiDbContext(options.Options);
        var all = fresh.Database.GetMigrations().ToList();
        log.LogInformation("Applying {Count} migration(s) to an empty database: {Migrations}", all.Count, string.Join(", ", all));
        await fresh.Database.MigrateAsync();
    }

    private static async Task<List<string>> PendingMigrationsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LsiDbContext>();
        return await HasMigrationsHistoryAsync(services.GetRequiredService<NpgsqlDataSource>())
            ? (await db.Database.GetPendingMigrationsAsync()).ToList()
            : db.Database.GetMigrations().ToList();
    }

    /// <summary>Whether the database has the migrations' history table, asked without reading it (which logs an error when it is missing).</summary>
    private static async Task<bool> HasMigrationsHistoryAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"SELECT to_regclass('{LsiDbContext.Schema}.{PersistenceExtensions.MigrationsHistoryTable}') IS NOT NULL");
        return await command.ExecuteScalarAsync() is true;
    }

    private static async Task PublishShippedWorkflowsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ShippedWorkflows>().PublishShippedAsync(CancellationToken.None);
    }

    private static async Task SeedAsync(IServiceProvider services, bool demoUsers)
    {
        await using var scope = services.CreateAsyncScope();
        var identity = scope.ServiceProvider.GetRequiredService<IdentitySeeder>();
        await identity.EnsureRolesAsync();
        if (demoUsers)
        {
            await identity.EnsureDemoUsersAsync();
        }
        await scope.ServiceProvider.GetRequiredService<LetterSeeder>().SeedAsync();
    }
}
