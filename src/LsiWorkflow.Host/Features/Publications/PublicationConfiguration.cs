using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LsiWorkflow.Host.Features.Publications;

internal sealed class PublicationConfiguration : IEntityTypeConfiguration<Publication>
{
    public void Configure(EntityTypeBuilder<Publication> builder)
    {
        builder.ToTable("publications");
        builder.HasEntityKey();
        builder.Property(p => p.Title).HasMaxLength(Publication.TitleLength);
        builder.Property(p => p.Kind).HasMaxLength(Publication.KindLength);
        builder.Property(p => p.Summary).HasMaxLength(Publication.SummaryLength);
        builder.Property(p => p.Reference).HasMaxLength(Publication.ReferenceLength);
        builder.Property(p => p.PublishedBy).HasMaxLength(EntityMapping.NameLength);
        builder.Property(p => p.WithdrawnBy).HasMaxLength(EntityMapping.NameLength);
        builder.Property(p => p.WithdrawalReason).HasMaxLength(Publication.SummaryLength);
        builder.Property(p => p.InformationCategory).HasMaxLength(Publication.TitleLength);
        builder.Property(p => p.FileName).HasMaxLength(Publication.ReferenceLength);
        builder.Property(p => p.ContentType).HasMaxLength(Publication.TitleLength);
        builder.Ignore(p => p.IsWithdrawn);
        // The public page lists newest first.
        builder.HasIndex(p => p.PublishedAt);
    }
}

internal sealed class PublicationFileConfiguration : IEntityTypeConfiguration<PublicationFile>
{
    public void Configure(EntityTypeBuilder<PublicationFile> builder)
    {
        builder.ToTable("publication_files");
        builder.HasEntityKey();
        builder.HasOne<Publication>().WithOne().HasForeignKey<PublicationFile>(f => f.Id).OnDelete(DeleteBehavior.Restrict);
    }
}
