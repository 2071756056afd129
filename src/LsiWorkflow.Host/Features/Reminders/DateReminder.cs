using LsiWorkflow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LsiWorkflow.Host.Features.Reminders;

/// <summary>What a date reminder is about: a milestone's planned date or a commitment's due date.</summary>
public enum DateReminderSubject
{
    Milestone,
    Commitment,
}

/// <summary>
/// A reminder, <see cref="DaysBefore"/> days before the date <see cref="ForDate"/> of a milestone or a
/// commitment to parliament. Planned from the subject's current date; when the date moves, the pending ones
/// are cancelled and new ones planned for the new date. One row per subject, date and offset, so planning
/// twice plans once, and a reminder that fired is never planned again.
/// </summary>
public sealed class DateReminder
{
    public Guid Id { get; set; }
    public DateReminderSubject Subject { get; set; }
    public Guid SubjectId { get; set; }
    public DateOnly ForDate { get; set; }
    public int DaysBefore { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public TimerStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FiredAt { get; set; }
}

internal sealed class DateReminderConfiguration : IEntityTypeConfiguration<DateReminder>
{
    public void Configure(EntityTypeBuilder<DateReminder> b)
    {
        b.ToTable("inbox_date_reminders");
        b.HasKey(r => r.Id);
        b.Property(r => r.Subject).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(r => new { r.SubjectId, r.ForDate, r.DaysBefore }).IsUnique();
        b.HasIndex(r => r.DueAt).HasFilter("status = 'Pending'").HasDatabaseName("ix_inbox_date_reminders_pending_due");
    }
}
