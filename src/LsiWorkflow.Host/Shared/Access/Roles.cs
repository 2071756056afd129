namespace LsiWorkflow.Host.Shared.Access;

public static class Roles
{
    public const string Secretary = nameof(Secretary);
    public const string Partner = nameof(Partner);
    public const string SteeringGroupMember = nameof(SteeringGroupMember);
    public const string MinistryStaff = nameof(MinistryStaff);
    public const string Admin = nameof(Admin);

    public static readonly IReadOnlyList<string> All = [Secretary, Partner, SteeringGroupMember, MinistryStaff, Admin];
}

public static class LsiClaimTypes
{
    public const string Organisation = "lsi:organisation";
    public const string DisplayName = "lsi:display_name";

    /// <summary>The id of the recorded session (see Features/Accounts/AccountSession) a sign-in belongs to.</summary>
    public const string Session = "lsi:session";
}
