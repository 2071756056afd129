using System.Security.Claims;
using LsiWorkflow.Host.Identity;

namespace LsiWorkflow.Host.Application;

/// <summary>
/// Who does something: a signed-in person or the system (a timer, a job). Use cases take it as part of
/// their message, so the same handler serves the API, the UI and background work.
/// </summary>
public sealed record Actor(string UserName, string? Organisation, IReadOnlySet<string> Roles)
{
    public static readonly Actor System = new("systeem", null, new HashSet<string>());

    public bool IsSystem => ReferenceEquals(this, System) || (UserName == System.UserName && Organisation is null);

    public bool IsInRole(string role) => Roles.Contains(role);

    public static Actor From(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? throw new InvalidOperationException("An anonymous user cannot act."),
        user.Organisation(),
        Identity.Roles.All.Where(user.IsInRole).ToHashSet());
}
