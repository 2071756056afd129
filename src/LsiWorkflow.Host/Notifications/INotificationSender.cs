namespace LsiWorkflow.Host.Notifications;

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
/// Returns the notices that failed, with why; the others are delivered.
/// </summary>
public interface INotificationSender
{
    Task<IReadOnlyDictionary<Guid, Exception>> SendAsync(Persistence.LsiDbContext db, IReadOnlyList<Notice> notices, CancellationToken ct);
}
