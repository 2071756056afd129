using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LsiWorkflow.Host.Features.Covenants;

internal sealed class CovenantConfiguration : IEntityTypeConfiguration<Covenant>
{
    public void Configure(EntityTypeBuilder<Covenant> builder)
    {
        builder.ToTable("covenants");
        builder.HasEntityKey();
        builder.HasIndex(c => c.VersionYear).IsUnique();
        builder.Property(c => c.Title).HasMaxLength(EntityMapping.NameLength);
        builder.Property(c => c.PublicationReference).HasMaxLength(EntityMapping.NameLength);
        builder.OwnsMany(c => c.Signatories, signatory =>
        {
            signatory.ToTable("covenant_signatories");
            signatory.HasEntityKey();
            signatory.WithOwner().HasForeignKey("CovenantId");
            signatory.HasOne<Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict)
                .HasConstraintName("fk_covenant_signatories_organisation_organisation_id"); // the name the first migration gave it
            signatory.HasIndex("CovenantId", nameof(CovenantSignatory.OrganisationId)).IsUnique();
        });
    }
}
