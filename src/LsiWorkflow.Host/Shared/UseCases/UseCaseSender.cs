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

    /// <summary>Sends the query made for the signed-in person.</summary>
    public async Task<T> SendAsync<T>(Func<Actor, IQuery<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await SendAsync(query(await ActorAsync()));
    }

    /// <summary>Sends the command made for the signed-in person.</summary>
    public async Task<T> SendAsync<T>(Func<Actor, ICommand<T>> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await SendAsync(command(await ActorAsync()));
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

    public async Task SendAsync(ICommand command)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }
}
