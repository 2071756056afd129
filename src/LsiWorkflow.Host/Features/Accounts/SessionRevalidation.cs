using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace LsiWorkflow.Host.Features.Accounts;

/// <summary>
/// An open page (a Blazor circuit) asks the database again every <see cref="AccountOptions.SessionCheckInterval"/>
/// whether its sign-in stands; when it does not, the page loses its sign-in and sends the person to the sign-in page.
/// </summary>
internal sealed class SessionRevalidation(ILoggerFactory loggerFactory, SessionCheck sessions, IOptions<AccountOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.SessionCheckInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        sessions.IsCurrentAsync(authenticationState.User, fresh: true, cancellationToken);
}

/// <summary>Every request's sign-in, bearer token or cookie, is checked against its session (see <see cref="SessionCheck"/>).</summary>
public static class SessionCheckMiddleware
{
    public static IApplicationBuilder UseSessionCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true
                && !await context.RequestServices.GetRequiredService<SessionCheck>().IsCurrentAsync(context.User, cancellationToken: context.RequestAborted))
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            await next(context);
        });
}
