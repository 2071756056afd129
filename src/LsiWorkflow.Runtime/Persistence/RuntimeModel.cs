using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Runtime.Persistence;

/// <summary>
/// The runtime's tables live in the host's database, in the host's context: the host applies this model to its own,
/// and the runtime reaches them through <see cref="IRuntimeContexts"/>. Its SQL names the schema, so it is fixed here.
/// </summary>
public static class RuntimeModel
{
    public const string Schema = "lsi";

    public static ModelBuilder ApplyRuntimeModel(this ModelBuilder builder) =>
        builder.ApplyConfigurationsFromAssembly(typeof(RuntimeModel).Assembly);
}

/// <summary>Contexts of the host's database, one per unit of work; the runtime never shares one between bursts.</summary>
public interface IRuntimeContexts
{
    Task<DbContext> CreateAsync(CancellationToken ct);
}

internal sealed class RuntimeContexts<TContext>(IDbContextFactory<TContext> factory) : IRuntimeContexts
    where TContext : DbContext
{
    public async Task<DbContext> CreateAsync(CancellationToken ct) => await factory.CreateDbContextAsync(ct);
}
