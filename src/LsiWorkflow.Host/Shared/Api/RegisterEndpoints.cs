using LsiWorkflow.Host.Shared.Access;

namespace LsiWorkflow.Host.Shared.Api;

/// <summary>What the registers' endpoint groups (projects, DPIAs, milestones, ...) share.</summary>
public static class RegisterEndpoints
{
    /// <summary>
    /// A group readable by everyone signed in with a role (or by <paramref name="readPolicy"/>); changes add their own policy on top.
    /// </summary>
    public static RouteGroupBuilder MapRegisterGroup(this IEndpointRouteBuilder app, string prefix, string tag, string? readPolicy = null)
    {
        var group = app.MapGroup(prefix).WithTags(tag).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return readPolicy is null
            ? group.RequireAuthorization(policy => policy.RequireRole(Roles.All))
            : group.RequireAuthorization(readPolicy);
    }
}

/// <summary>The optional explanation a change may carry; it lands in the audit trail as "why".</summary>
public sealed record ReasonRequest(string? Reason);
