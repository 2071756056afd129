using System.Data.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LsiWorkflow.Host.Persistence;

public static class PersistenceExtensions
{
    public const string ConnectionStringName = "Lsi";

    /// <summary>
    /// EF Core on Npgsql: pooled contexts (a context factory for Blazor and jobs, a scoped context for requests,
    /// both leased from one pool), on a data source that prepares the statements it runs often.
    /// </summary>
    public static IHostApplicationBuilder AddLsiPersistence(this IHostApplicationBuilder builder)
    {
        // Read when first needed, not now: tests and hosting add configuration after this call.
        builder.Services.AddSingleton(sp => CreateDataSource(sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName)));
        builder.Services.AddPooledDbContextFactory<LsiDbContext>((sp, options) => Configure(options, sp.GetRequiredService<NpgsqlDataSource>()));
        builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<LsiDbContext>>().CreateDbContext());
        builder.Services.AddDataProtection()
            .SetApplicationName("LsiWorkflow")
            .PersistKeysToDbContext<LsiDbContext>();
        return builder;
    }

    /// <summary>
    /// Defaults for every connection of the host, unless the connection string says otherwise: statements used
    /// over and over (every burst runs the same few) are prepared once per connection, and a connection going
    /// back to the pool is not reset, as the host keeps no session state (no SET, temporary tables or session locks).
    /// </summary>
    internal static NpgsqlDataSource CreateDataSource(string? connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Given(string keyword) => given.ContainsKey(keyword) || given.ContainsKey(keyword.Replace(" ", "", StringComparison.Ordinal));
        if (!Given("Max Auto Prepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        }
        if (!Given("No Reset On Close"))
        {
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }
        return builder.Build();
    }

    internal static void Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", LsiDbContext.Schema))
            .UseSnakeCaseNamingConvention();
}
