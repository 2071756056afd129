using System.Security.Claims;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LsiWorkflow.Host.Features.Accounts;

/// <summary>
/// Identity's sign-in with two additions: every sign-in (cookie or bearer token) is a recorded session whose id
/// the sign-in carries, and a disabled account cannot sign in.
/// </summary>
public sealed class LsiSignInManager(
    UserManager<LsiUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<LsiUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<LsiUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<LsiUser> confirmation,
    LsiDbContext db,
    TimeProvider clock,
    IOptions<AccountOptions> accounts,
    SessionCheck sessions)
    : SignInManager<LsiUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(LsiUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.DisabledAt is null && await base.CanSignInAsync(user);
    }

    public override async Task<bool> ValidateSecurityStampAsync(LsiUser? user, string? securityStamp) =>
        user is { DisabledAt: null } && await base.ValidateSecurityStampAsync(user, securityStamp);

    public override async Task SignInWithClaimsAsync(LsiUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = clock.GetUtcNow();
        var token = AuthenticationScheme == IdentityConstants.BearerScheme;
        var client = Context.Request.Headers.UserAgent.ToString();
        var session = new AccountSession
        {
            UserId = user.Id,
            Kind = token ? SessionKind.Token : SessionKind.Browser,
            StartedAt = now,
            LastSeenAt = now,
            ExpiresAt = token ? now + accounts.Value.TokenLifetime : null,
            Client = client.Length > AccountSessionConfiguration.ClientLength ? client[..AccountSessionConfiguration.ClientLength] : client,
        };
        db.Add(session);
        user.LastSignInAt = now;
        user.InvitedAt = null;
        await UserManager.UpdateAsync(user); // saves the session too: one context
        await base.SignInWithClaimsAsync(user, authenticationProperties,
            [.. additionalClaims.Where(c => c.Type != LsiClaimTypes.Session), new Claim(LsiClaimTypes.Session, session.Id.ToString())]);
    }

    /// <summary>Signing out ends the session, so the cookie is worthless even if someone kept a copy.</summary>
    public override async Task SignOutAsync()
    {
        if (SessionCheck.SessionId(Context.User) is { } sessionId)
        {
            await AccountSessions.EndAsync(db, clock, s => s.Id == sessionId, "signed out");
            sessions.ForgetSession(sessionId);
        }
        await base.SignOutAsync();
    }

    /// <summary>A refreshed cookie (after the security stamp check) keeps the session it belongs to.</summary>
    public static Task KeepSession(SecurityStampRefreshingPrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.CurrentPrincipal?.FindFirst(LsiClaimTypes.Session) is { } session && context.NewPrincipal?.Identity is ClaimsIdentity identity)
        {
            identity.AddClaim(new Claim(LsiClaimTypes.Session, session.Value));
        }
        return Task.CompletedTask;
    }
}
