using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Designer;

/// <summary>The activity types, for the designer's palette and property panel.</summary>
[Allowed(Policies.CanDesignWorkflows)]
public sealed record ListActivityDescriptors(Actor Actor) : IQuery<IReadOnlyList<ActivityDescriptor>>, IActorMessage;

public sealed class ListActivityDescriptorsHandler(EngineServices engine) : IQueryHandler<ListActivityDescriptors, IReadOnlyList<ActivityDescriptor>>
{
    public ValueTask<IReadOnlyList<ActivityDescriptor>> Handle(ListActivityDescriptors query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(engine.Registry.Descriptors);
}

/// <summary>Checks a definition without saving it: every problem at once, with its JSON path.</summary>
[Allowed(Policies.CanDesignWorkflows)]
public sealed record ValidateDefinition(Actor Actor, string Json) : IQuery<ValidationResult>, IActorMessage;

public sealed class ValidateDefinitionHandler(EngineServices engine) : IQueryHandler<ValidateDefinition, ValidationResult>
{
    public ValueTask<ValidationResult> Handle(ValidateDefinition query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(engine.Validator.Validate(query.Json));
}

public sealed record DefinitionSummary(string DefinitionId, string Name, int? PublishedVersion, bool HasDraft, int? DraftVersion, DateTimeOffset UpdatedAt);

[Allowed(Policies.CanDesignWorkflows)]
public sealed record ListDefinitions(Actor Actor) : IQuery<IReadOnlyList<DefinitionSummary>>, IActorMessage;

public sealed class ListDefinitionsHandler(LsiDbContext db) : IQueryHandler<ListDefinitions, IReadOnlyList<DefinitionSummary>>
{
    public async ValueTask<IReadOnlyList<DefinitionSummary>> Handle(ListDefinitions query, CancellationToken cancellationToken)
    {
        var rows = await db.Set<DefinitionRecord>().AsNoTracking()
            .Where(d => d.Status != DefinitionStatus.Retracted)
            .Select(d => new { d.DefinitionId, d.Name, d.Version, d.Status, d.UpdatedAt })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.DefinitionId)
            .Select(g =>
            {
                var latest = g.MaxBy(r => r.Version)!;
                var published = g.Where(r => r.Status == DefinitionStatus.Published).MaxBy(r => r.Version);
                var draft = g.FirstOrDefault(r => r.Status == DefinitionStatus.Draft);
                return new DefinitionSummary(g.Key, latest.Name, published?.Version, draft is not null, draft?.Version, g.Max(r => r.UpdatedAt));
            })
            .OrderBy(s => s.Name, StringComparer.CurrentCulture)
            .ToList();
    }
}

public sealed record DefinitionVersionInfo(int Version, DefinitionStatus Status, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt, string? UpdatedBy);

public sealed record DefinitionDetails(string DefinitionId, string Name, int Version, DefinitionStatus Status, string Json, uint RowVersion, IReadOnlyList<DefinitionVersionInfo> Versions);

/// <summary>One version of a definition; without a version the draft if there is one, else the latest published.</summary>
[Allowed(Policies.CanDesignWorkflows)]
public sealed record GetDefinition(Actor Actor, string DefinitionId, int? Version = null) : IQuery<DefinitionDetails>, IActorMessage;

public sealed class GetDefinitionHandler(LsiDbContext db) : IQueryHandler<GetDefinition, DefinitionDetails>
{
    public async ValueTask<DefinitionDetails> Handle(GetDefinition query, CancellationToken cancellationToken)
    {
        var all = await db.Set<DefinitionRecord>().AsNoTracking().Where(d => d.DefinitionId == query.DefinitionId).ToListAsync(cancellationToken);
        var chosen = query.Version is { } v
            ? all.FirstOrDefault(d => d.Version == v)
            : all.FirstOrDefault(d => d.Status == DefinitionStatus.Draft)
              ?? all.Where(d => d.Status == DefinitionStatus.Published).MaxBy(d => d.Version);
        if (chosen is null)
        {
            throw new NotFoundException($"Werkstroom '{query.DefinitionId}'{(query.Version is null ? "" : $" versie {query.Version}")} bestaat niet.");
        }
        var versions = all.OrderBy(d => d.Version)
            .Select(d => new DefinitionVersionInfo(d.Version, d.Status, d.UpdatedAt, d.PublishedAt, d.UpdatedBy))
            .ToList();
        return new DefinitionDetails(chosen.DefinitionId, chosen.Name, chosen.Version, chosen.Status, chosen.Json, chosen.RowVersion, versions);
    }
}
