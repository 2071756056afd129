using System.Security.Claims;

namespace LsiWorkflow.Host.Shared.Access;

public static class ClaimsPrincipalExtensions
{
    public static string? Organisation(this ClaimsPrincipal user) => user.FindFirstValue(LsiClaimTypes.Organisation);

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(LsiClaimTypes.DisplayName) ?? user.Identity?.Name ?? "";
}
