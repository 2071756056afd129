using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LsiWorkflow.Host.Features.Planning;

internal sealed class MultiYearPlanConfiguration : IEntityTypeConfiguration<MultiYearPlan>
{
    public void Configure(EntityTypeBuilder<MultiYearPlan> builder)
    {
        builder.ToTable("multi_year_plans");
        builder.HasEntityKey();
        builder.Property(p => p.Title).HasMaxLength(EntityMapping.NameLength);
        builder.OwnsMany(p => p.Themes, theme =>
        {
            theme.ToTable("themes");
            theme.HasEntityKey();
            theme.WithOwner().HasForeignKey("MultiYearPlanId");
            theme.Property(t => t.Name).HasMaxLength(EntityMapping.NameLength);
            theme.OwnsMany(t => t.Phenomena, phenomenon =>
            {
                phenomenon.ToTable("phenomena");
                phenomenon.HasEntityKey();
                phenomenon.WithOwner().HasForeignKey("ThemeId");
                phenomenon.Property(p => p.Name).HasMaxLength(EntityMapping.NameLength);
            });
        });
        builder.OwnsMany(p => p.AgendaItems, item =>
        {
            item.ToTable("agenda_items");
            item.HasEntityKey();
            item.WithOwner().HasForeignKey("MultiYearPlanId");
        });
        // Adopting members are owned by the steering group, so the link is a plain column (see SteeringGroupConfiguration).
        builder.OwnsMany(p => p.WorkingGroups, group =>
        {
            group.ToTable("working_groups");
            group.HasEntityKey();
            group.WithOwner().HasForeignKey("MultiYearPlanId");
            group.Property(g => g.Name).HasMaxLength(EntityMapping.NameLength);
        });
        builder.OwnsMany(p => p.WorkAgreements, agreement =>
        {
            agreement.ToTable("work_agreements");
            agreement.HasEntityKey();
            agreement.WithOwner().HasForeignKey("MultiYearPlanId");
            agreement.Property(a => a.Title).HasMaxLength(EntityMapping.NameLength);
        });
        builder.OwnsMany(p => p.ProgressReports, report =>
        {
            report.ToTable("progress_reports");
            report.HasEntityKey();
            report.WithOwner().HasForeignKey("MultiYearPlanId");
            report.HasIndex("MultiYearPlanId", nameof(ProgressReport.Year)).IsUnique();
        });
    }
}
