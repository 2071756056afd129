using LsiWorkflow.Host.Features.Accounts;

namespace LsiWorkflow.Host.Features.People;

/// <summary>A person as administrators see them: who, where, which roles, and whether and when they can sign in.</summary>
public sealed record PersonView(
    Guid Id,
    string UserName,
    string DisplayName,
    string? Email,
    string Organisation,
    IReadOnlyList<string> Roles,
    bool Disabled,
    DateTimeOffset? LockedUntil,
    DateTimeOffset? LastSignInAt,
    bool Invited)
{
    public static PersonView Of(LsiUser user, IEnumerable<string> roles, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.UserName ?? "", user.DisplayName, user.Email, user.OrganisationCode, [.. roles.Order(StringComparer.Ordinal)],
            user.DisabledAt is not null, user.LockoutEnd is { } end && end > now ? end : null, user.LastSignInAt, user.InvitedAt is not null);
    }

    /// <summary>What the audit line keeps of a person before and after a change.</summary>
    internal object Snapshot() => new { UserName, DisplayName, Email, Organisation, Roles, Disabled };
}
