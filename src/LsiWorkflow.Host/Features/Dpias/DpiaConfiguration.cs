using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LsiWorkflow.Host.Features.Dpias;

internal sealed class DpiaConfiguration : IEntityTypeConfiguration<Dpia>
{
    public void Configure(EntityTypeBuilder<Dpia> builder)
    {
        builder.ToTable("dpias");
        builder.HasEntityKey();
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(EntityMapping.EnumLength);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(EntityMapping.EnumLength);
        builder.Property(d => d.Title).HasMaxLength(EntityMapping.NameLength);
        builder.Ignore(d => d.IsAdopted);
        builder.HasOne<Project>().WithMany().HasForeignKey(d => d.ProjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.Kind);
        // A project has one format DPIA: the gate looks for the project's own, so two would make it ambiguous.
        builder.HasIndex(d => d.ProjectId).IsUnique();
        builder.OwnsMany(d => d.Approvals, approval =>
        {
            approval.ToTable("dpia_approvals");
            approval.HasEntityKey();
            approval.WithOwner().HasForeignKey("DpiaId");
            approval.Property(a => a.PersonName).HasMaxLength(EntityMapping.NameLength);
            approval.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict)
                .HasConstraintName("fk_dpia_approvals_organisation_organisation_id"); // the name the first migration gave it
            approval.HasIndex("DpiaId", nameof(DpiaApproval.OrganisationId)).IsUnique();
        });
    }
}
