using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace LsiWorkflow.Host.Shared.Localization;

/// <summary>Marker type for the shared UI strings in Resources/SharedResource.*.resx.</summary>
#pragma warning disable CA1052 // a marker type for IStringLocalizer<T> must be instantiable in name only
public sealed class SharedResource;
#pragma warning restore CA1052

public static class LocalizationExtensions
{
    /// <summary>Dutch by default; English on request (language switch or browser preference).</summary>
    public static readonly string[] SupportedCultures = ["nl", "en"];

    public static IHostApplicationBuilder AddLsiLocalization(this IHostApplicationBuilder builder)
    {
        builder.Services.AddLocalization(options => options.ResourcesPath = "");
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("nl");
            options.SupportedCultures = SupportedCultures.Select(c => new CultureInfo(c)).ToList();
            options.SupportedUICultures = options.SupportedCultures;
            options.FallBackToParentCultures = true;
        });
        return builder;
    }
}
