using LsiWorkflow.Host.Shared.UseCases;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace LsiWorkflow.Host.Features.Notifications;

/// <summary>The bell in the app bar: the number of unread notifications, refreshed on navigation and every half minute.</summary>
public sealed partial class NotificationBell : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private int unread;
    private Timer? timer;

    [Inject]
    private UseCaseSender UseCases { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await RefreshAsync();
        if (RendererInfo.IsInteractive)
        {
            Navigation.LocationChanged += OnLocationChanged;
            timer = new Timer(_ => _ = InvokeAsync(RefreshAndRenderAsync), null, Interval, Interval);
        }
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(RefreshAndRenderAsync);

    private async Task RefreshAndRenderAsync()
    {
        await RefreshAsync();
        StateHasChanged();
    }

    private async Task RefreshAsync()
    {
        var user = await UseCases.UserAsync();
        unread = user.Identity?.IsAuthenticated == true ? await UseCases.SendAsync(new CountUnreadNotifications(await UseCases.ActorAsync())) : 0;
    }

    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        timer?.Dispose();
    }
}
