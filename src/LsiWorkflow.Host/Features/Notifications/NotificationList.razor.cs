using LsiWorkflow.Host.Features.Calendar;
using LsiWorkflow.Host.Shared.UseCases;
using Microsoft.AspNetCore.Components;

namespace LsiWorkflow.Host.Features.Notifications;

public partial class NotificationList
{
    private IReadOnlyList<NotificationItem> notifications = [];
    private bool unreadOnly;
    private CalendarFeedStatus? calendar;
    private string? calendarUrl;
    private NotificationSettingsView? settings;

    [Inject]
    private UseCaseSender UseCases { get; set; } = default!;

    [Inject]
    private MailOptions Options { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        calendar = await UseCases.SendAsync(new GetCalendarFeedStatus(await UseCases.ActorAsync()));
        settings = await UseCases.SendAsync(new GetNotificationSettings(await UseCases.ActorAsync()));
    }

    private async Task SaveSettingsAsync(string language, bool dailyDigest) =>
        settings = await UseCases.SendAsync(new SaveNotificationSettings(language, dailyDigest, await UseCases.ActorAsync()));

    private async Task LoadAsync() =>
        notifications = await UseCases.SendAsync(new ListNotifications(await UseCases.ActorAsync(), unreadOnly));

    private async Task OnlyUnreadAsync(bool value)
    {
        unreadOnly = value;
        await LoadAsync();
    }

    private async Task MarkReadAsync(Guid? id)
    {
        await UseCases.SendAsync(new MarkNotificationsRead(id, await UseCases.ActorAsync()));
        await LoadAsync();
    }

    private async Task RegenerateAsync()
    {
        var actor = await UseCases.ActorAsync();
        var created = await UseCases.SendAsync(new RegenerateCalendarToken(actor));
        calendarUrl = CalendarFeature.CalendarUrl(Options.PublicBaseUrl, created.Token);
        calendar = await UseCases.SendAsync(new GetCalendarFeedStatus(actor));
    }

    private async Task RevokeAsync()
    {
        var actor = await UseCases.ActorAsync();
        await UseCases.SendAsync(new RevokeCalendarToken(actor));
        calendarUrl = null;
        calendar = await UseCases.SendAsync(new GetCalendarFeedStatus(actor));
    }
}
