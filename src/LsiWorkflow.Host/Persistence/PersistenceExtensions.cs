using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LsiWorkflow.Host.Persistence;

public static class PersistenceExtensions
{
    public const string ConnectionStringName = "Lsi";

    /// <summary>EF Core on Npgsql: a context factory for Blazor and jobs, a scoped context for requests.</summary>
    public static IHostApplicationBuilder AddLsiPersistence(this IHostApplicationBuilder builder)
    {
        // Read when first needed, not now: tests and hosting add configuration after this call.
        builder.Services.AddSingleton(sp =>
            new NpgsqlDataSourceBuilder(sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName)).Build());
        builder.Services.AddDbContextFactory<LsiDbContext>((sp, options) => Configure(options, sp.GetRequiredService<NpgsqlDataSource>()));
        builder.Services.AddDbContext<LsiDbContext>(
            (sp, options) => Configure(options, sp.GetRequiredService<NpgsqlDataSource>()),
            optionsLifetime: ServiceLifetime.Singleton);
        builder.Services.AddDataProtection()
            .SetApplicationName("LsiWorkflow")
            .PersistKeysToDbContext<LsiDbContext>();
        return builder;
    }

    internal static void Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", LsiDbContext.Schema))
            .UseSnakeCaseNamingConvention();
}
