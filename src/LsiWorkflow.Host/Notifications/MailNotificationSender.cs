using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Host.Identity;
using LsiWorkflow.Host.Persistence;
using MailKit.Net.Smtp;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace LsiWorkflow.Host.Notifications;

public sealed class MailOptions
{
    public string From { get; set; } = "LSI Workflow <noreply@lsi.local>";

    /// <summary>SMTP server; when empty, mails are written as .eml files to <see cref="PickupFolder"/>.</summary>
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
    public string PickupFolder { get; set; } = "mail-pickup";

    /// <summary>Language of notification texts: nl (default) or en.</summary>
    public string Language { get; set; } = "nl";

    /// <summary>Address of the application as people reach it, for links in mails.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";
}

/// <summary>
/// Puts a notification in the in-app list of every person it names (by user, role or organisation) and mails
/// those with an address. The Message-Id is derived from the notification's id, so a repeated dispatch
/// overwrites the same pickup file or is recognisable as a duplicate by the receiving server, and adds no
/// second in-app line.
/// </summary>
internal sealed class MailNotificationSender(
    UserManager<LsiUser> users,
    LsiDbContext db,
    MailOptions options,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<MailNotificationSender> log)
    : INotificationSender
{
    public async Task SendAsync(NotificationRequested notification, CancellationToken ct)
    {
        var people = await PeopleAsync(notification, ct);
        var now = time.GetUtcNow();
        foreach (var person in people)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                insert into lsi.inbox_notifications (id, message_id, user_name, subject, body, created_at)
                values ({Guid.NewGuid()}, {notification.MessageId}, {person.UserName}, {notification.Subject}, {notification.Body}, {now})
                on conflict (message_id, user_name) do nothing
                """, ct);
        }
        var recipients = people.Where(u => !string.IsNullOrEmpty(u.Email)).Select(u => (Name: u.DisplayName, Email: u.Email!)).ToList();
        if (recipients.Count == 0)
        {
            log.LogWarning("Notification {MessageId} names nobody who has an e-mail address", notification.MessageId);
            return;
        }
        using var message = new MimeMessage
        {
            MessageId = $"{notification.MessageId:N}@lsi-workflow",
            Subject = notification.Subject,
            Body = new TextPart("plain") { Text = notification.Body },
        };
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.AddRange(recipients.Select(r => new MailboxAddress(r.Name, r.Email)));

        if (string.IsNullOrWhiteSpace(options.SmtpHost))
        {
            var folder = Path.GetFullPath(options.PickupFolder, environment.ContentRootPath);
            Directory.CreateDirectory(folder);
            await message.WriteToAsync(Path.Combine(folder, $"{notification.MessageId:N}.eml"), ct);
            return;
        }
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(options.SmtpHost, options.SmtpPort, MailKit.Security.SecureSocketOptions.StartTlsWhenAvailable, ct);
        if (!string.IsNullOrEmpty(options.SmtpUser))
        {
            await smtp.AuthenticateAsync(options.SmtpUser, options.SmtpPassword ?? "", ct);
        }
        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(quit: true, ct);
    }

    private async Task<List<LsiUser>> PeopleAsync(NotificationRequested notification, CancellationToken ct)
    {
        var found = new Dictionary<Guid, LsiUser>();
        foreach (var user in await users.Users.Where(u => notification.Users.Contains(u.UserName!) || notification.Organisations.Contains(u.OrganisationCode)).ToListAsync(ct))
        {
            found[user.Id] = user;
        }
        foreach (var role in notification.Roles)
        {
            foreach (var user in await users.GetUsersInRoleAsync(role))
            {
                found[user.Id] = user;
            }
        }
        return [.. found.Values];
    }
}
