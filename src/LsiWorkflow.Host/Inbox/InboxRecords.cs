using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LsiWorkflow.Host.Inbox;

/// <summary>A filter a person saved under a name, so their inbox opens the way they work.</summary>
public sealed class SavedTaskView
{
    public Guid Id { get; set; }
    public required string UserName { get; set; }
    public required string Name { get; set; }

    /// <summary>The <see cref="TaskFilter"/> as JSON.</summary>
    public required string Filter { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A person away: tasks assigned to them go to the substitute until they return.</summary>
public sealed class Absence
{
    public Guid Id { get; set; }
    public required string UserName { get; set; }
    public required string SubstituteUserName { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public required string RecordedBy { get; set; }
}

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

/// <summary>The secret behind a person's calendar feed; only its hash is kept, so a leaked database leaks no feed.</summary>
public sealed class CalendarFeedToken
{
    public required string UserName { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class SavedTaskViewConfiguration : IEntityTypeConfiguration<SavedTaskView>
{
    public void Configure(EntityTypeBuilder<SavedTaskView> b)
    {
        b.ToTable("inbox_saved_views");
        b.HasKey(v => v.Id);
        b.Property(v => v.UserName).HasMaxLength(256);
        b.Property(v => v.Name).HasMaxLength(100);
        b.Property(v => v.Filter).HasColumnType("jsonb");
        b.HasIndex(v => new { v.UserName, v.Name }).IsUnique();
    }
}

internal sealed class AbsenceConfiguration : IEntityTypeConfiguration<Absence>
{
    public void Configure(EntityTypeBuilder<Absence> b)
    {
        b.ToTable("inbox_absences");
        b.HasKey(a => a.Id);
        b.Property(a => a.UserName).HasMaxLength(256);
        b.Property(a => a.SubstituteUserName).HasMaxLength(256);
        b.Property(a => a.RecordedBy).HasMaxLength(256);
        // One current absence per person, kept by the database.
        b.HasIndex(a => a.UserName).IsUnique().HasFilter("ended_at is null").HasDatabaseName("ix_inbox_absences_one_current");
    }
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

internal sealed class CalendarFeedTokenConfiguration : IEntityTypeConfiguration<CalendarFeedToken>
{
    public void Configure(EntityTypeBuilder<CalendarFeedToken> b)
    {
        b.ToTable("inbox_calendar_tokens");
        b.HasKey(t => t.UserName);
        b.Property(t => t.UserName).HasMaxLength(256);
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.HasIndex(t => t.TokenHash).IsUnique();
    }
}
