using LsiWorkflow.Host.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LsiWorkflow.Host.Features.Accounts;

public enum SessionKind
{
    /// <summary>The sign-in cookie of a browser.</summary>
    Browser,

    /// <summary>A bearer token of an API client.</summary>
    Token,
}

/// <summary>
/// One sign-in: a browser's cookie or an API client's bearer token carries its id. Every request checks the row
/// (through <see cref="SessionCheck"/>), so ending it here ends the sign-in on every node.
/// </summary>
public sealed class AccountSession
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid UserId { get; init; }

    public required SessionKind Kind { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset LastSeenAt { get; set; }

    /// <summary>A token's end is fixed when it is issued; a browser's cookie slides, see <see cref="LastSeenAt"/>.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Why it ended, e.g. "signed out", "password changed", "account disabled".</summary>
    public string? EndedBecause { get; set; }

    /// <summary>The browser or client as it named itself, shortened, so a person recognises their sessions.</summary>
    public string? Client { get; init; }
}

internal sealed class AccountSessionConfiguration : IEntityTypeConfiguration<AccountSession>
{
    public const int ClientLength = 200;

    public void Configure(EntityTypeBuilder<AccountSession> builder)
    {
        builder.ToTable("account_sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(EntityMapping.EnumLength);
        builder.Property(s => s.EndedBecause).HasMaxLength(EntityMapping.NameLength);
        builder.Property(s => s.Client).HasMaxLength(ClientLength);
        builder.HasOne<LsiUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.UserId, s.EndedAt });
    }
}
