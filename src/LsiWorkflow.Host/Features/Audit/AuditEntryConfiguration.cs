using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LsiWorkflow.Host.Features.Audit;

/// <summary>The append-only trail; the LsiDomain migration adds the trigger that refuses update, delete and truncate.</summary>
internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public const string Table = "audit_entries";

    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.ActorUserName).HasMaxLength(256);
        builder.Property(a => a.ActorOrganisation).HasMaxLength(EntityMapping.CodeLength);
        builder.Property(a => a.Action).HasMaxLength(80);
        builder.Property(a => a.SubjectType).HasMaxLength(80);
        builder.HasIndex(a => new { a.ProjectId, a.At });
        builder.HasIndex(a => new { a.SubjectType, a.SubjectId });
    }
}
