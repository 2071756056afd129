using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Components.Authorization;

namespace LsiWorkflow.Host.Shared.UseCases;

/// <summary>
/// How components send use cases: each message in a DI scope of its own, so two components of one circuit
/// (a page and the bell) never share a DbContext, and the signed-in person as the actor.
/// </summary>
public sealed class UseCaseSender(IServiceScopeFactory scopes, AuthenticationStateProvider authentication)
{
    public async Task<Actor> ActorAsync() => Actor.From(await UserAsync());

    public async Task<ClaimsPrincipal> UserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    public async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public async Task<T> SendAsync<T>(IQuery<T> query)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }

    public async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }
}
