using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LsiWorkflow.Host.Features.Accounts;

public static partial class AccountsFeature
{
    /// <summary>Chooses bearer for API clients that send a token, the cookie otherwise.</summary>
    private const string SmartScheme = "LsiSmart";
    public const string OidcScheme = "oidc";

    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<IdentitySeeder>();
        services.AddCascadingAuthenticationState();
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section);
        services.AddSingleton<SessionCheck>();
        services.AddScoped<AccountAccess>();
        services.AddScoped<CreateAdministratorCommand>();
        // Registered before Blazor's own, which is added only when none is.
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidation>();
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<AccountOptions>>((stamp, accounts) =>
        {
            stamp.ValidationInterval = accounts.Value.SessionCheckInterval;
            stamp.OnRefreshingPrincipal = LsiSignInManager.KeepSession;
        });
        services.AddOptions<DataProtectionTokenProviderOptions>().Configure<IOptions<AccountOptions>>((tokens, accounts) =>
            tokens.TokenLifespan = accounts.Value.InvitationLifetime);
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme).Configure<IOptions<AccountOptions>>((bearer, accounts) =>
            bearer.BearerTokenExpiration = accounts.Value.TokenLifetime);

        var authentication = services
            .AddAuthentication(options =>
            {
                options.DefaultScheme = SmartScheme;
                options.DefaultChallengeScheme = SmartScheme;
                options.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie of bearer", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme);
        var secure = CookieSecurity(builder.Environment);
        authentication.AddIdentityCookies(cookies =>
        {
            cookies.ApplicationCookie?.Configure(options =>
            {
                ConfigureApplicationCookie(options);
                options.Cookie.SecurePolicy = secure;
            });
            cookies.ExternalCookie?.Configure(options => options.Cookie.SecurePolicy = secure);
        });
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = secure);

        var oidc = builder.Configuration.GetSection("Authentication:Oidc");
        if (!string.IsNullOrWhiteSpace(oidc["Authority"]))
        {
            authentication.AddOpenIdConnect(OidcScheme, oidc["DisplayName"] ?? "Organisatie-login", options =>
            {
                oidc.Bind(options);
                options.SignInScheme = IdentityConstants.ExternalScheme;
                options.ResponseType = "code";
                options.SaveTokens = false;
                options.Scope.Add("email");
                options.CallbackPath = "/signin-oidc";
            });
        }

        services.AddIdentityCore<LsiUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<LsiDbContext>()
            .AddSignInManager<LsiSignInManager>()
            .AddPasswordValidator<GuessablePasswordValidator>()
            .AddClaimsPrincipalFactory<LsiClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        services.AddAuthorization(Policies.Add);
        return builder;
    }

    /// <summary>
    /// Cookies travel over HTTPS only, except on a developer's machine and in the tests, which serve plain HTTP
    /// on 127.0.0.1.
    /// </summary>
    public static CookieSecurePolicy CookieSecurity(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing") ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    private static void ConfigureApplicationCookie(CookieAuthenticationOptions options)
    {
        options.LoginPath = "/account/login";
        options.LogoutPath = "/account/logout";
        options.AccessDeniedPath = "/account/access-denied";
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        options.Cookie.Name = "lsi.auth";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        // API callers (the API and its OpenAPI document) get status codes, people get the sign-in page.
        options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
        options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        // Identity's security stamp check first, then the session's own (ended, expired, disabled).
        var stamp = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            await stamp(context);
            if (context.Principal is { } principal
                && !await context.HttpContext.RequestServices.GetRequiredService<SessionCheck>().IsCurrentAsync(principal, cancellationToken: context.HttpContext.RequestAborted))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            }
        };
    }

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
