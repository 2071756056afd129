using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LsiWorkflow.Host.Features.Cooperation;

internal sealed class SteeringGroupConfiguration : IEntityTypeConfiguration<SteeringGroup>
{
    public void Configure(EntityTypeBuilder<SteeringGroup> builder)
    {
        builder.ToTable("steering_groups");
        builder.HasEntityKey();
        builder.Property(g => g.Name).HasMaxLength(EntityMapping.NameLength);
        builder.OwnsMany(g => g.Members, member =>
        {
            member.ToTable("steering_group_members");
            member.HasEntityKey();
            member.WithOwner().HasForeignKey("SteeringGroupId");
            member.Property(m => m.PersonName).HasMaxLength(EntityMapping.NameLength);
            member.Property(m => m.Role).HasConversion<string>().HasMaxLength(EntityMapping.EnumLength);
            member.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            // The letter: one member per organisation. Projects find their adopter through the organisation.
            member.HasIndex("SteeringGroupId", nameof(SteeringGroupMember.OrganisationId)).IsUnique();
        });
    }
}
