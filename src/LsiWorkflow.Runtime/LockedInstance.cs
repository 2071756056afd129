using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace LsiWorkflow.Runtime;

/// <summary>
/// One instance under its row lock, in a transaction of its own, with its state, the definition version it runs on and
/// a runner. What the caller claims through <see cref="Db"/> before the burst (a task closed, a timer fired) commits
/// with the burst; disposing without <see cref="CommitAsync"/> rolls all of it back.
/// </summary>
internal sealed class LockedInstance : IAsyncDisposable
{
    private readonly IDbContextTransaction transaction;
    private readonly IReadOnlySet<Guid> bookmarksBefore;

    private LockedInstance(DbContext db, IDbContextTransaction transaction, InstanceRecord record, WorkflowDefinition definition, WorkflowRunner runner)
    {
        Db = db;
        this.transaction = transaction;
        Record = record;
        Definition = definition;
        Runner = runner;
        State = WorkflowState.FromJson(record.State);
        bookmarksBefore = BurstWriter.BookmarkRows(State);
    }

    public DbContext Db { get; }

    public InstanceRecord Record { get; }

    public WorkflowState State { get; }

    public WorkflowDefinition Definition { get; }

    public WorkflowRunner Runner { get; }

    public static async Task<LockedInstance> OpenAsync(
        DbContext db, IQueryable<InstanceRecord> lockRow, string notFound, PublishedDefinitions definitions, WorkflowRunner runner, CancellationToken ct)
    {
        var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            // The row lock and the id of the instance's definition version in one round trip. An instance stays on its
            // version to the end, even if that version was retracted since.
            var locked = await lockRow
                .AsTracking()
                .Select(i => new
                {
                    Instance = i,
                    DefinitionRecordId = db.Set<DefinitionRecord>()
                        .Where(d => d.DefinitionId == i.DefinitionId && d.Version == i.DefinitionVersion && d.Status != DefinitionStatus.Draft)
                        .Select(d => d.Id)
                        .Single(),
                })
                .SingleOrDefaultAsync(ct)
                ?? throw new WorkflowNotFoundException(notFound);
            var definition = await definitions.OfRecordAsync(db, locked.DefinitionRecordId, locked.Instance.DefinitionVersion, ct);
            return new LockedInstance(db, transaction, locked.Instance, definition, runner);
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Writes the burst and commits; returns what is to happen after commit. An ignored signal commits only what was
    /// claimed before it (a fired timer stays fired).
    /// </summary>
    public async Task<WorkAfterCommit> CommitAsync(BurstResult result, CancellationToken ct)
    {
        var work = result.Ignored
            ? WorkAfterCommit.None
            : await BurstWriter.WriteAsync(Db, Definition, Record, bookmarksBefore, result, ct);
        await Db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return work;
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await Db.DisposeAsync();
    }
}
