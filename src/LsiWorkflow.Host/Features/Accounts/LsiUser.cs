using Microsoft.AspNetCore.Identity;

namespace LsiWorkflow.Host.Features.Accounts;

/// <summary>A person who signs in. Every user belongs to one LSI organisation.</summary>
public sealed class LsiUser : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }

    /// <summary>Code of the organisation, e.g. "UWV".</summary>
    public required string OrganisationCode { get; set; }

    /// <summary>Demo users exist only in Development; production never has them.</summary>
    public bool IsDemo { get; set; }

    /// <summary>
    /// Set by an administrator: the person may not sign in and every session ends. Unlike a lockout after wrong
    /// passwords, which only blocks new sign-ins for a while, this lasts until an administrator lifts it.
    /// </summary>
    public DateTimeOffset? DisabledAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>When the invitation was sent; null for people who set a password or signed in since.</summary>
    public DateTimeOffset? InvitedAt { get; set; }
}
