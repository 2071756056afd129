using LsiWorkflow.Host.Notifications;
using LsiWorkflow.Host.Persistence;
using LsiWorkflow.Host.Workflows.Persistence;

namespace LsiWorkflow.Host.Workflows.Scheduling;

/// <summary>
/// Turns outbox messages of one <see cref="Kind"/> into notices when they are dispatched, a batch at a time.
/// A message whose reason is gone (its task closed, its milestone reached) maps to no notice and is done.
/// </summary>
public interface INoticeSource
{
    string Kind { get; }

    Task<IReadOnlyDictionary<Guid, Notice>> NoticesAsync(LsiDbContext db, IReadOnlyList<OutboxMessage> messages, CancellationToken ct);
}
