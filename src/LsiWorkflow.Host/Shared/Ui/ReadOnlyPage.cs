using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Components;

namespace LsiWorkflow.Host.Shared.Ui;

/// <summary>
/// A page that only reads. A Blazor Server circuit lives long, so each query runs in its own DI scope with its
/// own database context, as a request would, instead of sharing one context for the circuit's lifetime.
/// </summary>
public abstract class ReadOnlyPage : ComponentBase
{
    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = default!;

    internal static string? Day(DateOnly? day) => day?.ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    protected async Task<T> QueryAsync<T>(IQuery<T> query)
    {
        await using var scope = Scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }
}
