using System.Security.Cryptography;
using System.Text;
using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Features.Audit;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Outbox;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LsiWorkflow.Host.Features.Notifications;

public sealed record UndeliveredMessage(
    Guid Id, string Kind, Guid? InstanceId, DateTimeOffset CreatedAt, int Attempts, DateTimeOffset? NextAttemptAt, string? LastError);

/// <summary>Outbox messages not delivered yet (mails and other work after a commit), oldest first; given-up ones are left out.</summary>
[Allowed(Policies.CanAdministerSystem)]
public sealed record ListUndeliveredMessages(Actor Actor) : IQuery<IReadOnlyList<UndeliveredMessage>>, IActorMessage;

public sealed class ListUndeliveredMessagesHandler(LsiDbContext db) : IQueryHandler<ListUndeliveredMessages, IReadOnlyList<UndeliveredMessage>>
{
    public async ValueTask<IReadOnlyList<UndeliveredMessage>> Handle(ListUndeliveredMessages query, CancellationToken cancellationToken) =>
        await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.DispatchedAt == null && m.AbandonedAt == null)
            .OrderBy(m => m.CreatedAt).Take(500)
            .Select(m => new UndeliveredMessage(m.Id, m.Kind, m.InstanceId, m.CreatedAt, m.Attempts, m.NextAttemptAt, m.LastError))
            .ToListAsync(cancellationToken);
}

public sealed record MessageAbandoned(Guid Id, DateTimeOffset AbandonedAt);

/// <summary>
/// An administrator gives up on an undelivered message (say, an address that will never accept it): it is not
/// tried again. The only way a message leaves the outbox undelivered; the reason goes into the audit trail.
/// </summary>
[Allowed(Policies.CanAdministerSystem)]
public sealed record AbandonMessage(Guid Id, string Reason, Actor Actor) : ICommand<MessageAbandoned>, IActorMessage;

public sealed class AbandonMessageHandler(LsiDbContext db, AuditTrail audit, TimeProvider time) : ICommandHandler<AbandonMessage, MessageAbandoned>
{
    public async ValueTask<MessageAbandoned> Handle(AbandonMessage command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            throw new InvalidRequestException("Geef een reden op om een bericht op te geven.")
            {
                Errors = new Dictionary<string, string[]> { ["$.reason"] = ["Geef een reden op."] },
            };
        }
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked, so a delivery that is under way finishes (and wins) or has not begun.
        var message = await db.Set<OutboxMessage>()
            .FromSqlInterpolated($"select * from lsi.workflow_outbox where id = {command.Id} for update")
            .AsTracking().SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Bericht {command.Id} bestaat niet.");
        if (message.DispatchedAt is not null)
        {
            throw new ConflictException("Al afgeleverd", "Dit bericht is al afgeleverd.");
        }
        if (message.AbandonedAt is { } earlier)
        {
            return new MessageAbandoned(message.Id, earlier);
        }
        message.AbandonedAt = time.GetUtcNow();
        message.AbandonedBy = command.Actor.UserName;
        audit.Record(command.Actor, "OutboxMessageAbandoned", nameof(OutboxMessage), message.Id,
            $"Bericht ({message.Kind}) opgegeven na {message.Attempts} pogingen", command.Reason);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new MessageAbandoned(message.Id, message.AbandonedAt.Value);
    }
}

/// <summary>
/// Warns every administrator in the app (mail may be what fails) that messages keep failing. The line's id comes
/// from the message's, so a repeated warning adds nothing.
/// </summary>
internal sealed class AdministratorOutboxAlarm(UserManager<LsiUser> users, TimeProvider time) : IOutboxAlarm
{
    public async Task RaiseAsync(DbContext db, IReadOnlyList<OutboxMessage> failing, CancellationToken ct)
    {
        var admins = (await users.GetUsersInRoleAsync(Roles.Admin)).Select(u => u.UserName!).ToList();
        var now = time.GetUtcNow();
        foreach (var message in failing)
        {
            var subject = $"Bericht niet afgeleverd na {message.Attempts} pogingen / Message undelivered after {message.Attempts} attempts";
            var body = $"""
                Het bericht {message.Id} ({message.Kind}, aangemaakt {message.CreatedAt:u}) kon niet worden afgeleverd: {message.LastError}
                Het wordt opnieuw geprobeerd tot het lukt of tot een beheerder het opgeeft (POST /api/outbox/{message.Id}/abandon).

                Message {message.Id} ({message.Kind}, created {message.CreatedAt:u}) could not be delivered: {message.LastError}
                It is tried again until it succeeds or an administrator gives up on it.
                """;
            var messageId = WarningId(message.Id);
            foreach (var admin in admins)
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    insert into lsi.inbox_notifications (id, message_id, user_name, subject, body, created_at, digest_pending)
                    values ({Guid.NewGuid()}, {messageId}, {admin}, {subject}, {body}, {now}, false)
                    on conflict (message_id, user_name) do nothing
                    """, ct);
            }
        }
    }

    internal static Guid WarningId(Guid outboxId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"outbox-warning:{outboxId:N}")).AsSpan(0, 16));
}

/// <summary>Degraded while an undelivered message is older than <see cref="OutboxOptions.UndeliveredAlarmAge"/> (mail server away, say).</summary>
internal sealed class UndeliveredMessagesHealthCheck(IDbContextFactory<LsiDbContext> contexts, OutboxOptions options, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var before = time.GetUtcNow() - options.UndeliveredAlarmAge;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var late = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.DispatchedAt == null && m.AbandonedAt == null && m.CreatedAt <= before)
            .GroupBy(_ => 1).Select(g => new { Count = g.Count(), Oldest = g.Min(m => m.CreatedAt) })
            .SingleOrDefaultAsync(cancellationToken);
        return late is null
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded($"{late.Count} bericht(en) niet afgeleverd, het oudste sinds {late.Oldest:u}.");
    }
}
