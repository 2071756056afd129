using Microsoft.AspNetCore.Authorization;

namespace LsiWorkflow.Host.Features.Accounts;

/// <summary>Authorization policies, named after what they allow.</summary>
public static class Policies
{
    public const string CanDesignWorkflows = nameof(CanDesignWorkflows);
    public const string CanManageInstances = nameof(CanManageInstances);
    public const string CanCompleteTasksOfOwnOrganisation = nameof(CanCompleteTasksOfOwnOrganisation);
    public const string CanTakeSteeringDecisions = nameof(CanTakeSteeringDecisions);
    public const string CanViewMilestones = nameof(CanViewMilestones);
    public const string CanManageDomain = nameof(CanManageDomain);
    public const string CanAdministerSystem = nameof(CanAdministerSystem);

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(CanDesignWorkflows, p => p.RequireRole(Roles.Secretary, Roles.Admin));
        options.AddPolicy(CanManageInstances, p => p.RequireRole(Roles.Secretary, Roles.Admin));
        options.AddPolicy(CanCompleteTasksOfOwnOrganisation, p => p
            .RequireRole(Roles.Partner, Roles.SteeringGroupMember, Roles.Secretary)
            .RequireClaim(LsiClaimTypes.Organisation));
        options.AddPolicy(CanTakeSteeringDecisions, p => p.RequireRole(Roles.SteeringGroupMember));
        options.AddPolicy(CanViewMilestones, p => p.RequireRole(Roles.MinistryStaff, Roles.Secretary, Roles.SteeringGroupMember, Roles.Admin));
        options.AddPolicy(CanManageDomain, p => p.RequireRole(Roles.Secretary, Roles.Admin));
        options.AddPolicy(CanAdministerSystem, p => p.RequireRole(Roles.Admin));
    }
}
