using System.Collections.Concurrent;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Runtime;

/// <summary>
/// Published versions, parsed once per node. A stored version never changes, so a parsed copy may be kept; it is keyed
/// by the row's own id, not by definition id and version, which a restored or reset database may give to other content.
/// </summary>
public sealed class PublishedDefinitions
{
    private readonly ConcurrentDictionary<Guid, WorkflowDefinition> parsed = new();

    /// <summary>The latest published version (or the given one) of a definition.</summary>
    /// <exception cref="WorkflowNotFoundException">Nothing of it is published.</exception>
    public async Task<WorkflowDefinition> LatestAsync(DbContext db, string definitionId, int? version, CancellationToken ct)
    {
        var query = db.Set<DefinitionRecord>().AsNoTracking()
            .Where(d => d.DefinitionId == definitionId && d.Status == DefinitionStatus.Published);
        if (version is { } v)
        {
            query = query.Where(d => d.Version == v);
        }
        var latest = await query.OrderByDescending(d => d.Version).Select(d => new { d.Id, d.Version }).FirstOrDefaultAsync(ct)
            ?? throw new WorkflowNotFoundException($"Er is geen gepubliceerde versie van werkstroom '{definitionId}'.");
        return await OfRecordAsync(db, latest.Id, latest.Version, ct);
    }

    /// <summary>The parsed definition of a stored version; its JSON is read only the first time this node needs it.</summary>
    public async Task<WorkflowDefinition> OfRecordAsync(DbContext db, Guid recordId, int version, CancellationToken ct)
    {
        if (parsed.TryGetValue(recordId, out var cached))
        {
            return cached;
        }
        var json = await db.Set<DefinitionRecord>().AsNoTracking().Where(d => d.Id == recordId).Select(d => d.Json).SingleAsync(ct);
        return parsed.GetOrAdd(recordId, _ => DefinitionSerializer.Parse(json) with { Version = version });
    }
}
