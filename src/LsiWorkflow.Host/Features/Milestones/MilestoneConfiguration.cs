using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LsiWorkflow.Host.Features.Milestones;

internal sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> builder)
    {
        builder.ToTable("milestones");
        builder.HasEntityKey();
        builder.Property(m => m.Name).HasMaxLength(EntityMapping.NameLength);
        // SubjectId points at a covenant, plan, project or commitment, so it cannot be one foreign key.
        builder.Property(m => m.Subject).HasConversion<string>().HasMaxLength(EntityMapping.EnumLength);
        builder.HasIndex(m => new { m.Subject, m.SubjectId });
    }
}
