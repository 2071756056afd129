using System.Security.Claims;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Localization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace LsiWorkflow.Host.Features.Accounts;

public static partial class AccountsFeature
{
    public sealed record TokenRequest(string UserName, string Password);

    public sealed record CurrentUser(string UserName, string DisplayName, string? Organisation, IReadOnlyList<string> Roles);

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/token", IssueTokenAsync)
            .AllowAnonymous()
            .Produces<Microsoft.AspNetCore.Authentication.BearerToken.AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithTags("Aanmelden")
            .WithSummary("Geeft een bearer-token voor de API in ruil voor gebruikersnaam en wachtwoord.");

        app.MapGet("/api/me", (ClaimsPrincipal user) => TypedResults.Ok(new CurrentUser(
                user.Identity?.Name ?? "", user.DisplayName(), user.Organisation(), Roles.All.Where(user.IsInRole).ToList())))
            .RequireAuthorization()
            .WithTags("Aanmelden")
            .WithSummary("Wie ben ik: naam, organisatie en rollen van de aangemelde gebruiker.");

        var account = app.MapGroup("/account").ExcludeFromDescription();
        // A form field makes the endpoint check the anti-forgery token.
        account.MapPost("/logout", async ([FromForm] string? returnUrl, SignInManager<LsiUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/account/login");
        });
        account.MapGet("/external-login", ExternalLoginAsync).AllowAnonymous();
        account.MapGet("/external-callback", ExternalCallbackAsync).AllowAnonymous();
        app.MapGet("/culture/set", SetCulture).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> IssueTokenAsync(
        [FromBody] TokenRequest request, SignInManager<LsiUser> signIn)
    {
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.UserName, request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return TypedResults.Empty; // the bearer handler has written the token response
        }
        return TypedResults.Problem(
            result.IsLockedOut ? "Het account is tijdelijk geblokkeerd na te veel mislukte pogingen." : "Onjuiste gebruikersnaam of wachtwoord.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: result.IsLockedOut ? "Account geblokkeerd" : "Aanmelden mislukt");
    }

    /// <summary>Without a configured identity provider there is nothing to sign in with: 404, not a failed challenge.</summary>
    private static async Task<IResult> ExternalLoginAsync(string? returnUrl, IAuthenticationSchemeProvider schemes) =>
        await schemes.GetSchemeAsync(AccountsFeature.OidcScheme) is null
            ? TypedResults.NotFound()
            : TypedResults.Challenge(
                new() { RedirectUri = $"/account/external-callback?returnUrl={Uri.EscapeDataString(SafeLocal(returnUrl))}" },
                [AccountsFeature.OidcScheme]);

    /// <summary>
    /// An organisation's identity provider vouches for an e-mail address; the person must already exist here,
    /// because organisation and roles are granted by the LSI, not by the provider.
    /// </summary>
    private static async Task<IResult> ExternalCallbackAsync(
        HttpContext http, string? returnUrl, UserManager<LsiUser> users, SignInManager<LsiUser> signIn, ILogger<LsiUser> log)
    {
        var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
        var email = external.Principal?.FindFirstValue(ClaimTypes.Email) ?? external.Principal?.FindFirstValue("email");
        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        var user = email is null ? null : await users.FindByEmailAsync(email);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            log.LogWarning("External sign-in refused: no active account for the address given by the identity provider");
            return TypedResults.LocalRedirect("/account/login?error=external");
        }
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: AccountsFeature.OidcScheme);
        return TypedResults.LocalRedirect(SafeLocal(returnUrl));
    }

    private static RedirectHttpResult SetCulture(HttpContext http, IHostEnvironment environment, string culture, string? redirectUri)
    {
        // Like the sign-in cookies: Secure outside development, or whenever the request itself came over HTTPS.
        var secure = http.Request.IsHttps || AccountsFeature.CookieSecurity(environment) == CookieSecurePolicy.Always;
        if (LocalizationExtensions.SupportedCultures.Contains(culture))
        {
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, Secure = secure, SameSite = SameSiteMode.Lax, IsEssential = true });
        }
        return TypedResults.LocalRedirect(SafeLocal(redirectUri));
    }

    private static string SafeLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
