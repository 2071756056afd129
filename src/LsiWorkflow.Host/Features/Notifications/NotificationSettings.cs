using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LsiWorkflow.Host.Features.Notifications;

/// <summary>
/// How a person wants to be told: the language of their notifications, and whether their mails come as they
/// happen or gathered in one daily digest. No row means the defaults (the host's language, mails as they come).
/// </summary>
public sealed class NotificationSettings
{
    public required string UserName { get; set; }
    public required string Language { get; set; }
    public bool DailyDigest { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class NotificationSettingsConfiguration : IEntityTypeConfiguration<NotificationSettings>
{
    public void Configure(EntityTypeBuilder<NotificationSettings> b)
    {
        b.ToTable("inbox_notification_settings");
        b.HasKey(s => s.UserName);
        b.Property(s => s.UserName).HasMaxLength(256);
        b.Property(s => s.Language).HasMaxLength(5);
    }
}

public sealed record NotificationSettingsView(string Language, bool DailyDigest)
{
    /// <summary>What a person chose, or the defaults (the host's language, mails as they come) when they never did.</summary>
    public static NotificationSettingsView Of(NotificationSettings? chosen, MailOptions options) =>
        chosen is null ? new(options.Language, false) : new(chosen.Language, chosen.DailyDigest);
}

/// <summary>The actor's notification settings, the defaults when they never chose.</summary>
[Allowed(Policies.SignedIn)]
public sealed record GetNotificationSettings(Actor Actor) : IQuery<NotificationSettingsView>, IActorMessage;

public sealed class GetNotificationSettingsHandler(LsiDbContext db, MailOptions options) : IQueryHandler<GetNotificationSettings, NotificationSettingsView>
{
    public async ValueTask<NotificationSettingsView> Handle(GetNotificationSettings query, CancellationToken cancellationToken) =>
        NotificationSettingsView.Of(
            await db.Set<NotificationSettings>().AsNoTracking().SingleOrDefaultAsync(s => s.UserName == query.Actor.UserName, cancellationToken),
            options);
}

/// <summary>Sets the actor's notification language (nl or en) and whether they want a daily digest instead of single mails.</summary>
[Allowed(Policies.SignedIn)]
public sealed record SaveNotificationSettings(string Language, bool DailyDigest, Actor Actor) : ICommand<NotificationSettingsView>, IActorMessage;

public sealed class SaveNotificationSettingsHandler(LsiDbContext db, TimeProvider time) : ICommandHandler<SaveNotificationSettings, NotificationSettingsView>
{
    public async ValueTask<NotificationSettingsView> Handle(SaveNotificationSettings command, CancellationToken cancellationToken)
    {
        if (!NotificationTemplates.Languages.Contains(command.Language))
        {
            throw new InvalidRequestException($"Taal '{command.Language}' bestaat niet; kies uit {string.Join(", ", NotificationTemplates.Languages)}.");
        }
        var settings = await db.Set<NotificationSettings>().SingleOrDefaultAsync(s => s.UserName == command.Actor.UserName, cancellationToken);
        if (settings is null)
        {
            settings = new NotificationSettings { UserName = command.Actor.UserName, Language = command.Language };
            db.Add(settings);
        }
        settings.Language = command.Language;
        settings.DailyDigest = command.DailyDigest;
        settings.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return new NotificationSettingsView(settings.Language, settings.DailyDigest);
    }
}
