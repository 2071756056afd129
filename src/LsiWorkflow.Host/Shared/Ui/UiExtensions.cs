using MudBlazor.Services;

namespace LsiWorkflow.Host.Shared.Ui;

public static class UiExtensions
{
    /// <summary>Blazor Server with MudBlazor.</summary>
    public static WebApplicationBuilder AddLsiUi(this WebApplicationBuilder builder)
    {
        // Unpublished runs outside Development (tests, staging from a build folder) still need the
        // static files of packages and the framework, such as blazor.web.js and MudBlazor's.
        if (!builder.Environment.IsProduction())
        {
            builder.WebHost.UseStaticWebAssets();
        }
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddOptions<UiOptions>().BindConfiguration(UiOptions.Section);
        builder.Services.AddScoped<Display>();
        return builder;
    }
}
