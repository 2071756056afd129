using System.Text.Json.Nodes;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Designer;

/// <summary>
/// Publishes the workflows shipped in the repository's workflows/ folder: a file whose content differs from
/// every stored version becomes a new published version. A secretary's open draft of the same workflow is
/// never overwritten; the file then waits for the next start.
/// </summary>
public sealed class ShippedWorkflows(LsiDbContext db, IMediator mediator, ILogger<ShippedWorkflows> log)
{
    public static string ShippedFolder => Path.Combine(AppContext.BaseDirectory, "workflows");

    public async Task<int> PublishShippedAsync(CancellationToken ct)
    {
        if (!Directory.Exists(ShippedFolder))
        {
            log.LogWarning("No shipped workflows at {Folder}", ShippedFolder);
            return 0;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Several hosts may start at once; one of them publishes.
        await db.Database.ExecuteSqlRawAsync("select pg_advisory_xact_lock(7317001)", ct);
        var published = 0;
        foreach (var file in Directory.EnumerateFiles(ShippedFolder, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)).Order())
        {
            var json = await File.ReadAllTextAsync(file, ct);
            var node = JsonNode.Parse(json)!.AsObject();
            var id = node["id"]?.GetValue<string>() ?? throw new InvalidOperationException($"{file} has no id.");
            var stored = await db.Set<DefinitionRecord>().AsNoTracking().Where(d => d.DefinitionId == id).ToListAsync(ct);
            if (stored.Any(d => SameContent(d.Json, node)))
            {
                continue;
            }
            if (stored.Any(d => d.Status == DefinitionStatus.Draft))
            {
                log.LogWarning("Shipped workflow {DefinitionId} not published: a draft of it is open", id);
                continue;
            }
            await mediator.Send(new SaveDraft(json, null, Actor.System), ct);
            var result = await mediator.Send(new PublishDefinition(id, Actor.System), ct);
            log.LogInformation("Published shipped workflow {DefinitionId} as version {Version}", id, result.Version);
            published++;
        }
        await tx.CommitAsync(ct);
        return published;
    }

    /// <summary>Equal apart from the version number, which the store assigns.</summary>
    private static bool SameContent(string storedJson, JsonObject shipped)
    {
        var stored = JsonNode.Parse(storedJson)!.AsObject();
        stored.Remove("version");
        var candidate = (JsonObject)shipped.DeepClone();
        candidate.Remove("version");
        return JsonNode.DeepEquals(stored, candidate);
    }
}
