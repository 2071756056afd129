using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LsiWorkflow.Host.Shared.Persistence;

public static class PersistenceExtensions
{
    public const string ConnectionStringName = "Lsi";

    /// <summary>The table of applied migrations, in the schema <see cref="LsiDbContext.Schema"/>.</summary>
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    /// <summary>
    /// EF Core on Npgsql: pooled contexts (a context factory for Blazor and jobs, a scoped context for requests,
    /// both leased from one pool).
    /// </summary>
    public static IHostApplicationBuilder AddLsiPersistence(this IHostApplicationBuilder builder)
    {
        // Read when first needed, not now: tests and hosting add configuration after this call.
        // Npgsql's defaults on purpose: automatic preparation with connections not reset on close was tried for speed
        // and dropped, because after a statement the server refused (a NUL escape in a jsonb value) the pooled
        // connection answered the next command out of step ("unexpected backend message DataRow").
        builder.Services.AddSingleton(sp =>
            new NpgsqlDataSourceBuilder(sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName)).Build());
        builder.Services.AddPooledDbContextFactory<LsiDbContext>((sp, options) => Configure(options, sp.GetRequiredService<NpgsqlDataSource>()));
        builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<LsiDbContext>>().CreateDbContext());
        builder.Services.AddDataProtection()
            .SetApplicationName("LsiWorkflow")
            .PersistKeysToDbContext<LsiDbContext>();
        return builder;
    }

    internal static void Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable, LsiDbContext.Schema))
            .UseSnakeCaseNamingConvention();
}
