using LsiWorkflow.Host.Shared.UseCases;
using Microsoft.AspNetCore.Authorization;

namespace LsiWorkflow.Host.Shared.Access;

/// <summary>
/// Who may do what, named after what it allows. One table serves both the endpoints (ASP.NET Core policies) and the
/// use-case messages (<see cref="AllowedAttribute"/>), so the API, the pages and jobs follow the same rules.
/// </summary>
public static class Policies
{
    /// <summary>Anyone, signed in or not.</summary>
    public const string Public = nameof(Public);

    /// <summary>Anyone signed in.</summary>
    public const string SignedIn = nameof(SignedIn);

    /// <summary>Anyone signed in with a role: the registers are readable by every role.</summary>
    public const string AnyRole = nameof(AnyRole);

    public const string CanDesignWorkflows = nameof(CanDesignWorkflows);
    public const string CanManageInstances = nameof(CanManageInstances);
    public const string CanCompleteTasksOfOwnOrganisation = nameof(CanCompleteTasksOfOwnOrganisation);

    /// <summary>Opening the inbox: everyone who may decide tasks, and admins, who look after the people who do.</summary>
    public const string CanOpenInbox = nameof(CanOpenInbox);
    public const string CanTakeSteeringDecisions = nameof(CanTakeSteeringDecisions);
    public const string CanViewMilestones = nameof(CanViewMilestones);
    public const string CanManageDomain = nameof(CanManageDomain);
    public const string CanAdministerSystem = nameof(CanAdministerSystem);

    private sealed record Rule(IReadOnlyList<string>? Roles, bool NeedsOrganisation = false);

    private static readonly Dictionary<string, Rule> Rules = new(StringComparer.Ordinal)
    {
        [SignedIn] = new(null),
        [AnyRole] = new(Access.Roles.All),
        [CanDesignWorkflows] = new([Access.Roles.Secretary, Access.Roles.Admin]),
        [CanManageInstances] = new([Access.Roles.Secretary, Access.Roles.Admin]),
        [CanCompleteTasksOfOwnOrganisation] = new([Access.Roles.Partner, Access.Roles.SteeringGroupMember, Access.Roles.Secretary], NeedsOrganisation: true),
        [CanOpenInbox] = new([Access.Roles.Partner, Access.Roles.SteeringGroupMember, Access.Roles.Secretary, Access.Roles.Admin]),
        [CanTakeSteeringDecisions] = new([Access.Roles.SteeringGroupMember]),
        [CanViewMilestones] = new([Access.Roles.MinistryStaff, Access.Roles.Secretary, Access.Roles.SteeringGroupMember, Access.Roles.Admin]),
        [CanManageDomain] = new([Access.Roles.Secretary, Access.Roles.Admin]),
        [CanAdministerSystem] = new([Access.Roles.Admin]),
    };

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (name, rule) in Rules)
        {
            options.AddPolicy(name, policy =>
            {
                policy.RequireAuthenticatedUser();
                if (rule.Roles is not null)
                {
                    policy.RequireRole(rule.Roles);
                }
                if (rule.NeedsOrganisation)
                {
                    policy.RequireClaim(LsiClaimTypes.Organisation);
                }
            });
        }
    }

    /// <summary>Whether a person (not the system) may act under <paramref name="policy"/>.</summary>
    public static bool Allows(string policy, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (policy == Public)
        {
            return true;
        }
        if (actor.IsAnonymous || actor.IsSystem)
        {
            return false;
        }
        var rule = Rules.TryGetValue(policy, out var found) ? found : throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown policy.");
        return (rule.Roles is null || rule.Roles.Any(actor.IsInRole)) && (!rule.NeedsOrganisation || actor.Organisation is not null);
    }
}
