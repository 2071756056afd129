namespace LsiWorkflow.Host.Features.Accounts;

/// <summary>The <c>Authentication</c> section: how long sign-ins last and how soon a change of an account reaches them.</summary>
public sealed class AccountOptions
{
    public const string Section = "Authentication";

    /// <summary>How long a bearer token of <c>POST /api/auth/token</c> is valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// How long a node trusts a session it checked against the database. A change made on another node (disabling,
    /// a new password) ends the session there within this time; on the node that made it, at once.
    /// </summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the link of an invitation (or a password reset) can be used.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);
}
