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
}
