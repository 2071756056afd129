using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LsiWorkflow.Host.Features.Commitments;

internal sealed class CommitmentConfiguration : IEntityTypeConfiguration<Commitment>
{
    public void Configure(EntityTypeBuilder<Commitment> builder)
    {
        builder.ToTable("commitments");
        builder.HasEntityKey();
        builder.Property(c => c.SourceLetter).HasMaxLength(EntityMapping.NameLength);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(EntityMapping.EnumLength);
        builder.Property(c => c.Result).HasMaxLength(Commitment.ResultLength);
        builder.Property(c => c.DocumentReference).HasMaxLength(Commitment.DocumentReferenceLength);
        // Reminders and escalation ask for open commitments by due date.
        builder.HasIndex(c => new { c.Status, c.DueOn });
    }
}
