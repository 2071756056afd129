using LsiWorkflow.Engine.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LsiWorkflow.Runtime.Persistence;

internal sealed class DefinitionRecordConfiguration : IEntityTypeConfiguration<DefinitionRecord>
{
    public void Configure(EntityTypeBuilder<DefinitionRecord> b)
    {
        b.ToTable("workflow_definitions");
        b.HasKey(d => d.Id);
        b.Property(d => d.DefinitionId).HasMaxLength(100);
        b.Property(d => d.Name).HasMaxLength(WorkflowDefinition.MaxNameLength);
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.Json).HasColumnType("jsonb");
        b.Property(d => d.UpdatedBy).HasMaxLength(256);
        b.Property(d => d.RowVersion).IsRowVersion();
        b.HasIndex(d => new { d.DefinitionId, d.Version }).IsUnique();
        // At most one draft per definition, enforced by the database, not by hope.
        b.HasIndex(d => d.DefinitionId).IsUnique().HasFilter("status = 'Draft'").HasDatabaseName("ix_workflow_definitions_one_draft");
    }
}

internal sealed class InstanceRecordConfiguration : IEntityTypeConfiguration<InstanceRecord>
{
    public void Configure(EntityTypeBuilder<InstanceRecord> b)
    {
        b.ToTable("workflow_instances");
        b.HasKey(i => i.Id);
        b.Property(i => i.DefinitionId).HasMaxLength(100);
        b.Property(i => i.Status).HasMaxLength(20);
        b.Property(i => i.State).HasColumnType("jsonb");
        b.Property(i => i.CorrelationKey).HasMaxLength(200);
        b.Property(i => i.StartedBy).HasMaxLength(256);
        b.HasIndex(i => new { i.DefinitionId, i.Status });
        b.HasIndex(i => i.CreatedAt);
        b.HasIndex(i => i.ParentInstanceId);
    }
}

internal sealed class BookmarkRecordConfiguration : IEntityTypeConfiguration<BookmarkRecord>
{
    public void Configure(EntityTypeBuilder<BookmarkRecord> b)
    {
        b.ToTable("workflow_bookmarks");
        b.HasKey(x => x.Id);
        b.Property(x => x.ActivityId).HasMaxLength(100);
        b.Property(x => x.Kind).HasMaxLength(20);
        b.Property(x => x.EventName).HasMaxLength(100);
        b.Property(x => x.CorrelationKey).HasMaxLength(200);
        b.HasIndex(x => x.InstanceId);
        b.HasIndex(x => new { x.EventName, x.CorrelationKey });
    }
}

internal sealed class TaskRecordConfiguration : IEntityTypeConfiguration<TaskRecord>
{
    public void Configure(EntityTypeBuilder<TaskRecord> b)
    {
        b.ToTable("workflow_tasks");
        b.HasKey(t => t.Id);
        b.Property(t => t.ActivityId).HasMaxLength(100);
        b.Property(t => t.DefinitionId).HasMaxLength(100);
        b.Property(t => t.Title).HasMaxLength(500);
        b.Property(t => t.Organisation).HasMaxLength(50);
        b.Property(t => t.Role).HasMaxLength(50);
        b.Property(t => t.AssigneeUser).HasMaxLength(256);
        b.Property(t => t.ClaimedBy).HasMaxLength(256);
        b.Property(t => t.Outcomes).HasColumnType("jsonb");
        b.Property(t => t.CommentRequiredFor).HasColumnType("jsonb");
        b.Property(t => t.FormFields).HasColumnType("jsonb");
        b.Property(t => t.FormValues).HasColumnType("jsonb");
        b.Property(t => t.EscalateTo).HasMaxLength(100);
        b.Property(t => t.Priority).HasMaxLength(20);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.CompletedBy).HasMaxLength(256);
        b.Property(t => t.CompletedByOrganisation).HasMaxLength(50);
        b.Property(t => t.Outcome).HasMaxLength(100);
        b.HasIndex(t => t.InstanceId);
        b.HasIndex(t => new { t.Organisation, t.Status, t.DueAt });
        b.HasIndex(t => new { t.AssigneeUser, t.Status, t.DueAt });
        // The other ways a task reaches an inbox (claimed, decided, by role only), each with an index of its own.
        b.HasIndex(t => new { t.ClaimedBy, t.Status, t.DueAt }).HasFilter("claimed_by is not null");
        b.HasIndex(t => new { t.CompletedBy, t.Status, t.DueAt }).HasFilter("completed_by is not null");
        b.HasIndex(t => new { t.Role, t.Status, t.DueAt }).HasFilter("organisation is null and assignee_user is null")
            .HasDatabaseName("ix_workflow_tasks_role_only");
    }
}

internal sealed class TimerRecordConfiguration : IEntityTypeConfiguration<TimerRecord>
{
    public void Configure(EntityTypeBuilder<TimerRecord> b)
    {
        b.ToTable("workflow_timers");
        b.HasKey(t => t.Id);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.StartDefinitionId).HasMaxLength(100);
        b.Property(t => t.StartActivityId).HasMaxLength(100);
        b.Property(t => t.TaskDeadline).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(t => t.TaskId);
        b.HasIndex(t => t.DueAt).HasFilter("status = 'Pending'").HasDatabaseName("ix_workflow_timers_pending_due");
        b.HasIndex(t => t.InstanceId);
        // One pending start per recurring definition: publishing twice gives one schedule.
        b.HasIndex(t => t.StartDefinitionId).IsUnique().HasFilter("status = 'Pending' and start_definition_id is not null")
            .HasDatabaseName("ix_workflow_timers_one_pending_start");
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("workflow_outbox");
        b.HasKey(m => m.Id);
        b.Property(m => m.Kind).HasMaxLength(50);
        b.Property(m => m.Payload).HasColumnType("jsonb");
        b.Property(m => m.AbandonedBy).HasMaxLength(256);
        b.HasIndex(m => m.CreatedAt).HasFilter("dispatched_at is null").HasDatabaseName("ix_workflow_outbox_undispatched");
    }
}

internal sealed class JournalRecordConfiguration : IEntityTypeConfiguration<JournalRecord>
{
    public void Configure(EntityTypeBuilder<JournalRecord> b)
    {
        b.ToTable("workflow_journal");
        b.HasKey(j => j.Id);
        b.Property(j => j.Id).UseIdentityAlwaysColumn();
        b.Property(j => j.ActivityId).HasMaxLength(100);
        b.Property(j => j.ActivityType).HasMaxLength(100);
        b.Property(j => j.Actor).HasMaxLength(256);
        b.HasIndex(j => new { j.InstanceId, j.Id });
    }
}

internal sealed class TimerWakeupConfiguration : IEntityTypeConfiguration<TimerWakeup>
{
    public void Configure(EntityTypeBuilder<TimerWakeup> b)
    {
        b.ToTable("workflow_timer_wakeups");
        b.HasKey(w => w.DueSecond);
    }
}

internal sealed class EventRecordConfiguration : IEntityTypeConfiguration<EventRecord>
{
    public void Configure(EntityTypeBuilder<EventRecord> b)
    {
        b.ToTable("workflow_events");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).UseIdentityAlwaysColumn();
        b.Property(e => e.Name).HasMaxLength(100);
        b.Property(e => e.CorrelationKey).HasMaxLength(200);
        b.Property(e => e.Payload).HasColumnType("jsonb");
        // The database's clock, comparable with transaction start times whatever clock the host uses.
        b.Property(e => e.RaisedAt).HasDefaultValueSql("clock_timestamp()").ValueGeneratedOnAdd();
        b.HasIndex(e => new { e.Name, e.CorrelationKey, e.RaisedAt });
    }
}
