using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LsiWorkflow.Host.Features.Tasks;

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
