using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace LsiWorkflow.Host.Shared.Persistence;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the host (see the README on migrations).</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<LsiDbContext>
{
    public LsiDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Lsi")
            ?? "Host=127.0.0.1;Port=55432;Database=lsi;Username=lsi";
        var options = new DbContextOptionsBuilder<LsiDbContext>();
        PersistenceExtensions.Configure(options, new NpgsqlDataSourceBuilder(connectionString).Build());
        return new LsiDbContext(options.Options);
    }
}
