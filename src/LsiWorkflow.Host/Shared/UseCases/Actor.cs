using System.Security.Claims;
using LsiWorkflow.Host.Features.Accounts;
namespace LsiWorkflow.Host.Shared.UseCases;

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
        Features.Accounts.Roles.All.Where(user.IsInRole).ToHashSet());

    /// <summary>
    /// Endpoints take the actor as a parameter, bound once here from the signed-in person; endpoints that need one
    /// require authentication, so an anonymous caller is refused before binding.
    /// </summary>
    public static ValueTask<Actor?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(context.User.Identity?.IsAuthenticated == true ? From(context.User) : null);
    }
}
