using System.Text.Json.Nodes;
using LsiWorkflow.Runtime.Persistence;
using LsiWorkflow.Runtime.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LsiWorkflow.Runtime;

/// <summary>What a committed burst leaves to do outside its transaction.</summary>
internal sealed class WorkAfterCommit
{
    public static readonly WorkAfterCommit None = new();

    public List<DateTimeOffset> Wakeups { get; } = [];

    public List<Guid> Outbox { get; } = [];

    public List<BookmarkRecord> EventWaits { get; } = [];

    public DateTimeOffset TransactionStart { get; set; }

    /// <summary>The instance, if this burst faulted it, with the incident's message.</summary>
    public (Guid InstanceId, string DefinitionId, string? Message)? Faulted { get; set; }
}

/// <summary>
/// After a burst commits: events its new waits may have missed are delivered, Hangfire is woken for its timers and
/// its outbox messages are dispatched. A failure here loses nothing: the sweep repeats what was not handed over.
/// </summary>
public sealed class AfterCommit(IRuntimeContexts contexts, IWorkflowScheduler scheduler, ILogger<AfterCommit> log)
{
    internal async Task RunAsync(WorkAfterCommit work, DurableRuntime runtime, CancellationToken ct)
    {
        if (work.Faulted is { } faulted)
        {
            log.LogWarning("Instance {InstanceId} of {DefinitionId} is faulted: {Incident}", faulted.InstanceId, faulted.DefinitionId, faulted.Message);
        }
        await CatchUpOnEventsAsync(work, runtime, ct);
        try
        {
            if (work.Wakeups.Count > 0)
            {
                await scheduler.WakeAtAsync(work.Wakeups, ct);
            }
            if (work.Outbox.Count > 0)
            {
                await scheduler.DispatchSoonAsync(work.Outbox, ct);
            }
        }
#pragma warning disable CA1031 // committed work is safe; the sweep repeats what could not be handed over now
        catch (Exception ex)
#pragma warning restore CA1031
        {
            log.LogWarning(ex, "Post-commit hand-over failed; the sweep will repeat it");
        }
    }

    /// <summary>
    /// A wait committed by this burst may have missed its event: raised after the burst began (say, after a gate read
    /// the DPIA as not adopted) but before the wait existed. Such an event is delivered now.
    /// </summary>
    private async Task CatchUpOnEventsAsync(WorkAfterCommit work, DurableRuntime runtime, CancellationToken ct)
    {
        foreach (var bookmark in work.EventWaits)
        {
            EventRecord? missed;
            await using (var db = await contexts.CreateAsync(ct))
            {
                missed = await db.Set<EventRecord>().AsNoTracking()
                    .Where(e => e.Name == bookmark.EventName && e.CorrelationKey == bookmark.CorrelationKey && e.RaisedAt >= work.TransactionStart)
                    .OrderBy(e => e.Id)
                    .FirstOrDefaultAsync(ct);
            }
            if (missed is not null)
            {
                log.LogInformation("Delivering event {EventName} ({Key}) raised while instance {InstanceId} began to wait",
                    bookmark.EventName, bookmark.CorrelationKey, bookmark.InstanceId);
                await runtime.ResumeAtEventAsync(bookmark.InstanceId, bookmark.Id,
                    missed.Payload is null ? null : JsonNode.Parse(missed.Payload), ct);
            }
        }
    }
}
