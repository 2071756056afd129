using MudBlazor.Services;

namespace LsiWorkflow.Host.Components;

public static class UiExtensions
{
    /// <summary>Blazor Server with MudBlazor.</summary>
    public static IHostApplicationBuilder AddLsiUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        return builder;
    }
}
