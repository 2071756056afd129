using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskStatus = LsiWorkflow.Runtime.Persistence.TaskStatus;

namespace LsiWorkflow.Host.Features.Instances;

public sealed record InstanceSummary(Guid Id, string DefinitionId, int DefinitionVersion, string Status, string? CorrelationKey, string? StartedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt);

/// <summary>
/// Instances, newest first, filtered by definition, status, start period and whom they wait on: an organisation code,
/// role or user name that an open task of the instance is assigned to.
/// </summary>
[Allowed(Policies.CanManageInstances)]
public sealed record ListInstances(Actor Actor, string? DefinitionId = null, string? Status = null, DateTimeOffset? StartedFrom = null, DateTimeOffset? StartedTo = null, int Skip = 0, int Take = 50, string? WaitingOn = null)
    : IQuery<IReadOnlyList<InstanceSummary>>, IActorMessage;

public sealed class ListInstancesHandler(LsiDbContext db) : IQueryHandler<ListInstances, IReadOnlyList<InstanceSummary>>
{
    public async ValueTask<IReadOnlyList<InstanceSummary>> Handle(ListInstances query, CancellationToken cancellationToken)
    {
        var instances = db.Set<InstanceRecord>().AsNoTracking();
        if (query.DefinitionId is { } definitionId)
        {
            instances = instances.Where(i => i.DefinitionId == definitionId);
        }
        if (query.Status is { } status)
        {
            instances = instances.Where(i => i.Status == status);
        }
        if (query.StartedFrom is { } from)
        {
            instances = instances.Where(i => i.CreatedAt >= from);
        }
        if (query.StartedTo is { } to)
        {
            instances = instances.Where(i => i.CreatedAt < to);
        }
        if (query.WaitingOn?.Trim() is { Length: > 0 } whom)
        {
            instances = instances.Where(i => db.Set<TaskRecord>().Any(t => t.InstanceId == i.Id && t.Status == TaskStatus.Open
                && (t.Organisation == whom || t.Role == whom || t.AssigneeUser == whom)));
        }
        return await instances.OrderByDescending(i => i.CreatedAt)
            .Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 500))
            .Select(i => new InstanceSummary(i.Id, i.DefinitionId, i.DefinitionVersion, i.Status, i.CorrelationKey, i.StartedBy, i.CreatedAt, i.UpdatedAt, i.FinishedAt))
            .ToListAsync(cancellationToken);
    }
}

public sealed record JournalLine(long Id, string? ActivityId, string? ActivityType, DateTimeOffset StartedAt, DateTimeOffset EndedAt, string? Outcome, string? Actor, string? Message);

public sealed record TaskLine(Guid Id, string ActivityId, string Title, string? Organisation, string? Role, string? AssigneeUser, string Status, DateTimeOffset? DueAt, string? Outcome, string? CompletedBy, DateTimeOffset? ClosedAt);

public sealed record TimerLine(Guid Id, DateTimeOffset DueAt, string Status);

public sealed record InstanceDetails(
    InstanceSummary Instance,
    JsonObject Variables,
    IReadOnlyList<Bookmark> Bookmarks,
    IReadOnlyList<Incident> Incidents,
    IReadOnlyList<TaskLine> Tasks,
    IReadOnlyList<TimerLine> Timers,
    IReadOnlyList<JournalLine> Journal);

/// <summary>Everything about one instance: where it waits, its variables, tasks, timers, incidents and journal.</summary>
[Allowed(Policies.CanManageInstances)]
public sealed record GetInstance(Actor Actor, Guid InstanceId) : IQuery<InstanceDetails>, IActorMessage;

public sealed class GetInstanceHandler(LsiDbContext db) : IQueryHandler<GetInstance, InstanceDetails>
{
    public async ValueTask<InstanceDetails> Handle(GetInstance query, CancellationToken cancellationToken)
    {
        var i = await db.Set<InstanceRecord>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == query.InstanceId, cancellationToken)
            ?? throw new NotFoundException($"Werkstroom-instantie {query.InstanceId} bestaat niet.");
        var state = WorkflowState.FromJson(i.State);
        var tasks = await db.Set<TaskRecord>().AsNoTracking().Where(t => t.InstanceId == i.Id).OrderBy(t => t.CreatedAt)
            .Select(t => new TaskLine(t.Id, t.ActivityId, t.Title, t.Organisation, t.Role, t.AssigneeUser, t.Status.ToString(), t.DueAt, t.Outcome, t.CompletedBy, t.ClosedAt))
            .ToListAsync(cancellationToken);
        var timers = await db.Set<TimerRecord>().AsNoTracking().Where(t => t.InstanceId == i.Id).OrderBy(t => t.DueAt)
            .Select(t => new TimerLine(t.Id, t.DueAt, t.Status.ToString()))
            .ToListAsync(cancellationToken);
        var journal = await db.Set<JournalRecord>().AsNoTracking().Where(j => j.InstanceId == i.Id).OrderBy(j => j.Id)
            .Select(j => new JournalLine(j.Id, j.ActivityId, j.ActivityType, j.StartedAt, j.EndedAt, j.Outcome, j.Actor, j.Message))
            .ToListAsync(cancellationToken);
        return new InstanceDetails(
            new InstanceSummary(i.Id, i.DefinitionId, i.DefinitionVersion, i.Status, i.CorrelationKey, i.StartedBy, i.CreatedAt, i.UpdatedAt, i.FinishedAt),
            state.Variables, state.Bookmarks, state.Incidents, tasks, timers, journal);
    }
}
