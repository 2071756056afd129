using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Host.Identity;
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
}

/// <summary>
/// Mails a notification to every person it names (by user, role or organisation). The Message-Id is derived
/// from the notification's id, so a repeated dispatch overwrites the same pickup file or is recognisable as a
/// duplicate by the receiving server.
/// </summary>
internal sealed class MailNotificationSender(UserManager<LsiUser> users, MailOptions options, IHostEnvironment environment, ILogger<MailNotificationSender> log)
    : INotificationSender
{
    public async Task SendAsync(NotificationRequested notification, CancellationToken ct)
    {
        var recipients = await RecipientsAsync(notification, ct);
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

    private async Task<List<(string Name, string Email)>> RecipientsAsync(NotificationRequested notification, CancellationToken ct)
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
        return found.Values.Where(u => !string.IsNullOrEmpty(u.Email)).Select(u => (u.DisplayName, u.Email!)).ToList();
    }
}
