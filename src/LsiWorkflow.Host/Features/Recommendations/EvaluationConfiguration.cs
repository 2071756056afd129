using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LsiWorkflow.Host.Features.Recommendations;

internal sealed class EvaluationConfiguration : IEntityTypeConfiguration<Evaluation>
{
    public void Configure(EntityTypeBuilder<Evaluation> builder)
    {
        builder.ToTable("evaluations");
        builder.HasEntityKey();
        builder.HasOne<Covenant>().WithMany().HasForeignKey(e => e.CovenantId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Evaluator).HasMaxLength(EntityMapping.NameLength);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(EntityMapping.EnumLength);
        builder.OwnsMany(e => e.Recommendations, recommendation =>
        {
            recommendation.ToTable("recommendations");
            recommendation.HasEntityKey();
            recommendation.WithOwner().HasForeignKey("EvaluationId");
            recommendation.Property(r => r.Number).HasMaxLength(8);
            recommendation.HasIndex("EvaluationId", nameof(Recommendation.Number)).IsUnique();
            // ParentId stays a plain column: an owned row cannot be the target of a foreign key,
            // and Evaluation.AddRecommendation already refuses a sub-item without its parent.
            recommendation.OwnsMany(r => r.FollowUpActions, action =>
            {
                action.ToTable("follow_up_actions");
                action.HasEntityKey();
                action.WithOwner().HasForeignKey("RecommendationId");
                action.Property(a => a.Status).HasConversion<string>().HasMaxLength(EntityMapping.EnumLength);
                action.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict)
                    .HasConstraintName("fk_follow_up_actions_organisation_owner_organisation_id"); // the name the first migration gave it
            });
        });
    }
}
