using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime;
using LsiWorkflow.Runtime.Persistence;
using LsiWorkflow.Runtime.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Designer;

public sealed record DefinitionPublished(string DefinitionId, int Version, DateTimeOffset? NextScheduledStart);

/// <summary>
/// Freezes the draft as a published version. Running instances stay on their own version; a recurring
/// definition's schedule is replaced by the new version's (publishing twice leaves one schedule).
/// </summary>
[Allowed(Policies.CanDesignWorkflows, System = true)]
public sealed record PublishDefinition(string DefinitionId, Actor Actor) : ICommand<DefinitionPublished>, IActorMessage;

public sealed class PublishDefinitionHandler(LsiDbContext db, EngineServices engine, DueTimers timers, IWorkflowScheduler scheduler, TimeProvider time)
    : ICommandHandler<PublishDefinition, DefinitionPublished>
{
    public async ValueTask<DefinitionPublished> Handle(PublishDefinition command, CancellationToken cancellationToken)
    {
        // The catalog publishes several shipped workflows in one transaction of its own; join it when there is one.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var draft = await db.Set<DefinitionRecord>()
            .SingleOrDefaultAsync(d => d.DefinitionId == command.DefinitionId && d.Status == DefinitionStatus.Draft, cancellationToken)
            ?? throw new NotFoundException($"Werkstroom '{command.DefinitionId}' heeft geen concept om te publiceren.");
        DefinitionValidation.ParseValid(engine, draft.Json); // validator rules may have changed since it was saved
        draft.Status = DefinitionStatus.Published;
        draft.PublishedAt = time.GetUtcNow();
        draft.UpdatedBy = command.Actor.UserName;
        await db.SaveChangesAsync(cancellationToken);
        var next = await timers.ReplaceScheduleAsync(db, draft.DefinitionId, cancellationToken);
        if (tx is not null)
        {
            await tx.CommitAsync(cancellationToken);
        }
        if (next is { } due)
        {
            await scheduler.WakeAtAsync([due], cancellationToken);
        }
        return new DefinitionPublished(draft.DefinitionId, draft.Version, next);
    }
}

/// <summary>Withdraws a published version: no new instances start on it; running ones finish on it.</summary>
[Allowed(Policies.CanDesignWorkflows)]
public sealed record RetractDefinition(string DefinitionId, int Version, Actor Actor) : ICommand<DefinitionPublished>, IActorMessage;

public sealed class RetractDefinitionHandler(LsiDbContext db, DueTimers timers, IWorkflowScheduler scheduler, TimeProvider time)
    : ICommandHandler<RetractDefinition, DefinitionPublished>
{
    public async ValueTask<DefinitionPublished> Handle(RetractDefinition command, CancellationToken cancellationToken)
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var version = await db.Set<DefinitionRecord>()
            .SingleOrDefaultAsync(d => d.DefinitionId == command.DefinitionId && d.Version == command.Version && d.Status == DefinitionStatus.Published, cancellationToken)
            ?? throw new NotFoundException($"Werkstroom '{command.DefinitionId}' heeft geen gepubliceerde versie {command.Version}.");
        version.Status = DefinitionStatus.Retracted;
        version.RetractedAt = time.GetUtcNow();
        version.UpdatedBy = command.Actor.UserName;
        await db.SaveChangesAsync(cancellationToken);
        var next = await timers.ReplaceScheduleAsync(db, command.DefinitionId, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        if (next is { } due)
        {
            await scheduler.WakeAtAsync([due], cancellationToken);
        }
        return new DefinitionPublished(command.DefinitionId, command.Version, next);
    }
}
