using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Shared.Persistence;

/// <summary>
/// The one database of the host. Each feature keeps its mapping in an
/// <see cref="IEntityTypeConfiguration{TEntity}"/> of its own folder; they are all picked up here.
/// </summary>
public sealed class LsiDbContext(DbContextOptions<LsiDbContext> options)
    : IdentityDbContext<LsiUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public const string Schema = RuntimeModel.Schema;

    /// <summary>Shared by every host on the database, so a sign-in cookie is valid on each node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>PostgreSQL stores moments in UTC; the engine and clocks may hand us other offsets.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
    }

    private sealed class UtcConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
        v => v.ToUniversalTime(), v => v);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);
        builder.ApplyConfigurationsFromAssembly(typeof(LsiDbContext).Assembly);
        builder.ApplyRuntimeModel();
    }
}
