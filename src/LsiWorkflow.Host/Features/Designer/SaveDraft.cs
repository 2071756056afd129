using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Designer;

public sealed record DraftSaved(string DefinitionId, int Version, uint RowVersion);

/// <summary>
/// Saves a definition as the draft of its id. Nothing invalid is saved, unless the caller keeps the problems: then a
/// draft with design problems is saved as it is (the designer's drafts are never lost), and publishing still refuses it. To replace an existing draft the caller
/// passes the row version it read, so two secretaries editing one draft cannot overwrite each other unseen.
/// </summary>
[Allowed(Policies.CanDesignWorkflows, System = true)]
public sealed record SaveDraft(string Json, uint? ExpectedRowVersion, Actor Actor, bool KeepProblems = false) : ICommand<DraftSaved>, IActorMessage;

public sealed class SaveDraftHandler(LsiDbContext db, EngineServices engine, TimeProvider time) : ICommandHandler<SaveDraft, DraftSaved>
{
    public async ValueTask<DraftSaved> Handle(SaveDraft command, CancellationToken cancellationToken)
    {
        var definition = command.KeepProblems ? DefinitionValidation.ParseStorable(engine, command.Json) : DefinitionValidation.ParseValid(engine, command.Json);
        var existing = await db.Set<DefinitionRecord>().Where(d => d.DefinitionId == definition.Id).ToListAsync(cancellationToken);
        var draft = existing.FirstOrDefault(d => d.Status == DefinitionStatus.Draft);
        var now = time.GetUtcNow();
        if (draft is null)
        {
            draft = new DefinitionRecord
            {
                Id = Guid.NewGuid(),
                DefinitionId = definition.Id,
                Version = existing.Count == 0 ? 1 : existing.Max(d => d.Version) + 1,
                Name = definition.Name,
                Status = DefinitionStatus.Draft,
                Json = "",
                CreatedAt = now,
            };
            db.Add(draft);
        }
        else if (command.ExpectedRowVersion != draft.RowVersion)
        {
            throw new ConflictException("Concept intussen gewijzigd",
                $"Het concept van '{definition.Id}' is intussen door {draft.UpdatedBy ?? "iemand anders"} opgeslagen. Open het opnieuw en breng uw wijzigingen opnieuw aan.");
        }
        draft.Name = definition.Name;
        draft.Json = WithVersion(command.Json, draft.Version);
        draft.UpdatedAt = now;
        draft.UpdatedBy = command.Actor.UserName;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            throw new ConflictException("Concept intussen gewijzigd",
                $"Het concept van '{definition.Id}' is tegelijk door iemand anders opgeslagen. Open het opnieuw.");
        }
        return new DraftSaved(draft.DefinitionId, draft.Version, draft.RowVersion);
    }

    /// <summary>The stored JSON carries the version it is stored as; everything else stays as the author wrote it.</summary>
    private static string WithVersion(string json, int version)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node["version"] = version;
        return node.ToJsonString(DefinitionSerializer.Options);
    }
}
