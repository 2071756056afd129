using System.Security.Claims;
using LsiWorkflow.Host.Shared.Access;

namespace LsiWorkflow.Host.Shared.UseCases;

/// <summary>
/// Who does something: a signed-in person, an anonymous visitor, or the system (a workflow step, a job, start-up).
/// Every use case takes it as part of its message, so the same handler and the same access check serve the API,
/// the pages and background work. Only code can make a system actor: no sign-in can become one.
/// </summary>
public sealed record Actor(string UserName, string? Organisation, IReadOnlySet<string> Roles)
{
    private static readonly IReadOnlySet<string> NoRoles = new HashSet<string>();

    public static readonly Actor System = new("systeem", null, NoRoles) { IsSystem = true };

    /// <summary>Someone reading what is public, without signing in.</summary>
    public static readonly Actor Anonymous = new("", null, NoRoles) { IsAnonymous = true };

    public bool IsSystem { get; private init; }

    public bool IsAnonymous { get; private init; }

    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>The system acting for a workflow instance, so the audit trail names the instance.</summary>
    public static Actor ForWorkflow(string definitionId, Guid instanceId) =>
        new($"{System.UserName} (werkstroom {definitionId} {instanceId:D})", null, NoRoles) { IsSystem = true };

    public static Actor From(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true
        ? new(user.Identity.Name ?? throw new InvalidOperationException("A signed-in user has no name."),
            user.Organisation(),
            Access.Roles.All.Where(user.IsInRole).ToHashSet())
        : Anonymous;

    /// <summary>Endpoints take the actor as a parameter, bound once here from the caller (anonymous when not signed in).</summary>
    public static ValueTask<Actor?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult<Actor?>(From(context.User));
    }
}

/// <summary>Every use case message carries who sends it; <see cref="AuthorizationBehavior{TMessage, TResponse}"/> checks it.</summary>
public interface IActorMessage
{
    Actor Actor { get; }
}
