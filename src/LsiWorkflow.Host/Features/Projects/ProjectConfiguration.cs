using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LsiWorkflow.Host.Features.Projects;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.ToTable("projects");
        builder.HasEntityKey();
        builder.Property(p => p.Name).HasMaxLength(EntityMapping.NameLength);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(EntityMapping.EnumLength);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(EntityMapping.EnumLength);
        builder.HasIndex(p => p.Status);
        builder.Property(p => p.PrivacyProtocolReference).HasMaxLength(EntityMapping.NameLength);
        builder.Property(p => p.Description).HasMaxLength(Project.DescriptionLength);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MultiYearPlan>().WithMany().HasForeignKey(p => p.MultiYearPlanId).OnDelete(DeleteBehavior.Restrict);
        // AdoptedByMemberId stays a plain column: members are owned by the steering group and cannot be a foreign key's target.
        builder.OwnsMany(p => p.Participants, participant =>
        {
            participant.ToTable("project_participants");
            participant.HasEntityKey();
            participant.WithOwner().HasForeignKey("ProjectId");
            participant.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            participant.HasIndex("ProjectId", nameof(ProjectParticipant.OrganisationId)).IsUnique();
        });
    }
}
