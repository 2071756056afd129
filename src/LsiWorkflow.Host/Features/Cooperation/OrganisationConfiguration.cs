using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LsiWorkflow.Host.Features.Cooperation;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("organisations");
        builder.HasEntityKey();
        builder.Property(o => o.Code).HasMaxLength(EntityMapping.CodeLength);
        builder.HasIndex(o => o.Code).IsUnique();
        builder.Property(o => o.Name).HasMaxLength(EntityMapping.NameLength);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(EntityMapping.EnumLength);
    }
}
