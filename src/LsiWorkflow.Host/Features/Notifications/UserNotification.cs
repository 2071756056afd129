using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LsiWorkflow.Host.Features.Notifications;

/// <summary>A notification as a person sees it in the application, next to the mail that carried it.</summary>
public sealed class UserNotification
{
    public Guid Id { get; set; }

    /// <summary>The id of the notification that was sent; with the user name it makes a repeated send harmless.</summary>
    public Guid MessageId { get; set; }

    public required string UserName { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>Not mailed yet: the person takes a daily digest, which will list it.</summary>
    public bool DigestPending { get; set; }
}

internal sealed class UserNotificationConfiguration : IEntityTypeConfiguration<UserNotification>
{
    public void Configure(EntityTypeBuilder<UserNotification> b)
    {
        b.ToTable("inbox_notifications");
        b.HasKey(n => n.Id);
        b.Property(n => n.UserName).HasMaxLength(256);
        b.Property(n => n.Subject).HasMaxLength(500);
        b.HasIndex(n => new { n.MessageId, n.UserName }).IsUnique();
        b.HasIndex(n => new { n.UserName, n.CreatedAt });
        b.HasIndex(n => n.UserName).HasFilter("read_at is null").HasDatabaseName("ix_inbox_notifications_unread");
        b.HasIndex(n => new { n.UserName, n.CreatedAt }, "ix_inbox_notifications_digest_pending").HasFilter("digest_pending")
            .HasDatabaseName("ix_inbox_notifications_digest_pending");
    }
}
