using System.Globalization;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.AspNetCore.Components;

namespace LsiWorkflow.Host.Shared.Ui;

/// <summary>
/// A page that only reads. Its queries go through <see cref="UseCaseSender"/>: each in its own DI scope with its own
/// database context, as a request would, and for the signed-in person, checked like any other caller.
/// </summary>
public abstract class ReadOnlyPage : ComponentBase
{
    [Inject]
    private UseCaseSender UseCases { get; set; } = default!;

    internal static string? Day(DateOnly? day) => day?.ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    protected Task<T> QueryAsync<T>(Func<Actor, IQuery<T>> query) => UseCases.SendAsync(query);
}
