using LsiWorkflow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Runtime.Outbox;

/// <summary>A notification's text in one language: the first line of a template is its subject, the rest its body.</summary>
public sealed record RenderedNotification(string Subject, string Body);

/// <summary>
/// One notification to deliver: who it is for (by user, role or organisation) and its text in a language.
/// The text is asked per language, so each person reads it in their own; a workflow's own messages come
/// with one fixed text. <see cref="MessageId"/> makes delivering it twice harmless.
/// </summary>
public sealed record Notice(
    Guid MessageId,
    IReadOnlyList<string> Organisations,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Users,
    Func<string, RenderedNotification> Text)
{
    public static Notice Fixed(Guid messageId, IReadOnlyList<string> organisations, IReadOnlyList<string> roles, IReadOnlyList<string> users, string subject, string body)
    {
        var text = new RenderedNotification(subject, body);
        return new Notice(messageId, organisations, roles, users, _ => text);
    }
}

/// <summary>
/// Delivers notices in a batch: in-app rows written through <c>db</c> (in its transaction, so the caller
/// commits them with whatever it marks done) and mails. Idempotent by <see cref="Notice.MessageId"/>.
/// Returns the notices that failed, with why; the others are delivered. The host's notifications provide it.
/// </summary>
public interface INoticeDelivery
{
    Task<IReadOnlyDictionary<Guid, Exception>> DeliverAsync(DbContext db, IReadOnlyList<Notice> notices, CancellationToken ct);
}

/// <summary>
/// Turns outbox messages of one <see cref="Kind"/> into notices when they are dispatched, a batch at a time.
/// A message whose reason is gone (its task closed, its milestone reached) maps to no notice and is done.
/// </summary>
public interface INoticeSource
{
    string Kind { get; }

    Task<IReadOnlyDictionary<Guid, Notice>> NoticesAsync(DbContext db, IReadOnlyList<OutboxMessage> messages, CancellationToken ct);
}

/// <summary>Carries out outbox messages of one <see cref="Kind"/> that are not notices, one per transaction (e.g. a milestone a workflow reached).</summary>
public interface IOutboxHandler
{
    string Kind { get; }

    Task HandleAsync(OutboxMessage message, CancellationToken ct);
}
