using MudBlazor;

namespace LsiWorkflow.Host.Shared.Ui.Layout;

public partial class MainLayout
{
    // No web fonts: the theme keeps to fonts every machine has.
    private static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#154273", AppbarBackground = "#154273", Secondary = "#01689b" },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Segoe UI", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };

    private bool drawerOpen = true;

    private void ToggleDrawer() => drawerOpen = !drawerOpen;

    // Organisation names for the app bar; every page's names come from the same helper.
    protected override Task OnInitializedAsync() => Display.LoadAsync();
}
