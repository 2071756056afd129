using LsiWorkflow.Engine.Runtime;

namespace LsiWorkflow.Host.Notifications;

/// <summary>Delivers a notification a workflow asked for. Must be idempotent by <see cref="NotificationRequested.MessageId"/>.</summary>
public interface INotificationSender
{
    Task SendAsync(NotificationRequested notification, CancellationToken ct);
}
