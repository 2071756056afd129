using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LsiWorkflow.Host.Shared.Ui.Layout;

public partial class MainLayout
{
    // No web fonts: the theme keeps to fonts every machine has. The state colours are those of the charts (one
    // meaning per colour across the app: red is late or refused, green done or allowed), each dark enough for white
    // text (AA, 4.5:1).
    private static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#154273",
            AppbarBackground = "#154273",
            Secondary = "#01689b",
            Info = "#01689b",
            Success = "#39870c",
            Warning = "#b35300",
            Error = "#d52b1e",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Segoe UI", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };

    private bool drawerOpen = true;
    private ElementReference main;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    // The page's own address with the fragment, so the link works before the page is interactive too.
    private string SkipLinkHref => Navigation.Uri.Split('#')[0] + "#main-content";

    private void ToggleDrawer() => drawerOpen = !drawerOpen;

    // Blazor's router would treat the fragment as a navigation; moving focus is what a skip link is for.
    private async Task SkipToMainAsync() => await main.FocusAsync();

    // Organisation names for the app bar; every page's names come from the same helper.
    protected override Task OnInitializedAsync() => Display.LoadAsync();
}
