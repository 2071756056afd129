using System.Security.Claims;
using LsiWorkflow.Host.Shared.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LsiWorkflow.Host.Features.Accounts;

/// <summary>Puts the organisation and display name into the sign-in, so policies need no database call.</summary>
internal sealed class LsiClaimsPrincipalFactory(
    UserManager<LsiUser> userManager,
    RoleManager<IdentityRole<Guid>> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<LsiUser, IdentityRole<Guid>>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(LsiUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(LsiClaimTypes.Organisation, user.OrganisationCode));
        identity.AddClaim(new Claim(LsiClaimTypes.DisplayName, user.DisplayName));
        return identity;
    }
}
