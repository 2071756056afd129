using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LsiWorkflow.Host.Features.Calendar;

/// <summary>The secret behind a person's calendar feed; only its hash is kept, so a leaked database leaks no feed.</summary>
public sealed class CalendarFeedToken
{
    public required string UserName { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class CalendarFeedTokenConfiguration : IEntityTypeConfiguration<CalendarFeedToken>
{
    public void Configure(EntityTypeBuilder<CalendarFeedToken> b)
    {
        b.ToTable("inbox_calendar_tokens");
        b.HasKey(t => t.UserName);
        b.Property(t => t.UserName).HasMaxLength(256);
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.HasIndex(t => t.TokenHash).IsUnique();
    }
}
