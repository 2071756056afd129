using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Runtime.Outbox;
using MailKit.Net.Smtp;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace LsiWorkflow.Host.Features.Notifications;

public sealed class MailOptions
{
    public string From { get; set; } = "LSI Workflow <noreply@lsi.local>";

    /// <summary>SMTP server; when empty, mails are written as .eml files to <see cref="PickupFolder"/>.</summary>
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
    public string PickupFolder { get; set; } = "mail-pickup";

    /// <summary>Language of notification texts for people who chose none: nl (default) or en.</summary>
    public string Language { get; set; } = "nl";

    /// <summary>
    /// Address of the application as people reach it: the one setting behind every link in mails and the calendar
    /// address. Empty: the first address the host listens on (<c>urls</c>, <c>ASPNETCORE_URLS</c>), a wildcard
    /// host read as <c>localhost</c>.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>The <c>Mail</c> section, with the public address derived from the listening address when it is not set.</summary>
    public static MailOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection("Mail").Get<MailOptions>() ?? new MailOptions();
        if (string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            options.PublicBaseUrl = FromListening(configuration["urls"]);
        }
        options.PublicBaseUrl = options.PublicBaseUrl.TrimEnd('/');
        return options;
    }

    internal static string FromListening(string? urls)
    {
        var first = (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return "http://localhost:5000"; // Kestrel's own default
        }
        var wildcard = System.Text.RegularExpressions.Regex.Match(first, @"^(https?://)(\*|\+|0\.0\.0\.0|\[::\])(:\d+)?", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        return wildcard.Success ? wildcard.Groups[1].Value + "localhost" + wildcard.Groups[3].Value + first[wildcard.Length..] : first;
    }
}

/// <summary>
/// Puts each notice in the in-app list of every person it names (by user, role or organisation), in that
/// person's language, and mails those with an address — except people who take a daily digest, whose lines
/// wait for it. A batch asks for its people once, writes its in-app lines in one statement and its mails side
/// by side. The Message-Id (and pickup file name) comes from the notice's id and the language, so a repeated
/// delivery overwrites the same file or is recognisable as a duplicate by the receiving server, and adds no
/// second in-app line.
/// </summary>
internal sealed class MailNotificationSender(
    UserManager<LsiUser> users,
    MailOptions options,
    MailWriter writer,
    TimeProvider time,
    ILogger<MailNotificationSender> log)
    : INoticeDelivery
{
    private sealed record Person(string UserName, string DisplayName, string? Email, string Language, bool Digest);

    public async Task<IReadOnlyDictionary<Guid, Exception>> DeliverAsync(DbContext db, IReadOnlyList<Notice> notices, CancellationToken ct)
    {
        var failures = new Dictionary<Guid, Exception>();
        if (notices.Count == 0)
        {
            return failures;
        }
        var people = await PeopleAsync(db, notices, ct);
        var lines = new List<(Guid MessageId, Person Person, RenderedNotification Text)>();
        var mails = new List<OutgoingMail>();
        foreach (var notice in notices)
        {
            try
            {
                var recipients = Recipients(notice, people);
                foreach (var language in recipients.GroupBy(p => p.Language))
                {
                    var text = notice.Text(language.Key);
                    lines.AddRange(language.Select(person => (notice.MessageId, person, text)));
                    var to = language.Where(p => !p.Digest && !string.IsNullOrEmpty(p.Email)).Select(p => new MailboxAddress(p.DisplayName, p.Email!)).ToList();
                    if (to.Count > 0)
                    {
                        mails.Add(new OutgoingMail(notice.MessageId, MailName(notice.MessageId, language.Key), to, text));
                    }
                }
                if (recipients.Count == 0)
                {
                    log.LogWarning("Notification {MessageId} names nobody", notice.MessageId);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures[notice.MessageId] = ex;
            }
        }
        await InsertLinesAsync(db, lines, ct);
        foreach (var (messageId, error) in await writer.SendAsync(mails, ct))
        {
            failures.TryAdd(messageId, error);
        }
        return failures;
    }

    /// <summary>The default language keeps the plain name, so a notice for Dutch readers is <c>{id}.eml</c>.</summary>
    private string MailName(Guid messageId, string language) =>
        language == options.Language ? $"{messageId:N}" : $"{messageId:N}.{language}";

    private static List<Person> Recipients(Notice notice, People people)
    {
        var found = new Dictionary<string, Person>(StringComparer.Ordinal);
        foreach (var person in notice.Users.SelectMany(u => people.ByUser.TryGetValue(u, out var p) ? [p] : Array.Empty<Person>())
                     .Concat(notice.Organisations.SelectMany(o => people.ByOrganisation[o]))
                     .Concat(notice.Roles.SelectMany(r => people.ByRole.GetValueOrDefault(r, []))))
        {
            found.TryAdd(person.UserName, person);
        }
        return [.. found.Values];
    }

    private sealed record People(Dictionary<string, Person> ByUser, ILookup<string, Person> ByOrganisation, Dictionary<string, List<Person>> ByRole);

    /// <summary>Everyone the batch names, with their settings, in three queries however many notices it holds.</summary>
    private async Task<People> PeopleAsync(DbContext db, IReadOnlyList<Notice> notices, CancellationToken ct)
    {
        var names = notices.SelectMany(n => n.Users).Distinct().ToList();
        var organisations = notices.SelectMany(n => n.Organisations).Distinct().ToList();
        var accounts = names.Count + organisations.Count == 0
            ? []
            : await users.Users.AsNoTracking().Where(u => names.Contains(u.UserName!) || organisations.Contains(u.OrganisationCode)).ToListAsync(ct);
        var byRole = new Dictionary<string, List<LsiUser>>();
        foreach (var role in notices.SelectMany(n => n.Roles).Distinct())
        {
            byRole[role] = [.. await users.GetUsersInRoleAsync(role)];
        }
        var everyone = accounts.Concat(byRole.Values.SelectMany(v => v)).DistinctBy(u => u.Id).ToList();
        var userNames = everyone.Select(u => u.UserName!).ToList();
        var settings = await db.Set<NotificationSettings>().AsNoTracking().Where(s => userNames.Contains(s.UserName)).ToDictionaryAsync(s => s.UserName, ct);
        Person Of(LsiUser u)
        {
            var chosen = NotificationSettingsView.Of(settings.GetValueOrDefault(u.UserName!), options);
            return new Person(u.UserName!, u.DisplayName, u.Email, chosen.Language, chosen.DailyDigest);
        }
        var persons = everyone.ToDictionary(u => u.Id, Of);
        return new People(
            accounts.ToDictionary(u => u.UserName!, u => persons[u.Id], StringComparer.Ordinal),
            accounts.ToLookup(u => u.OrganisationCode, u => persons[u.Id], StringComparer.Ordinal),
            byRole.ToDictionary(r => r.Key, r => r.Value.Select(u => persons[u.Id]).ToList()));
    }

    /// <summary>All in-app lines of the batch in one statement; a line already there (a repeat) is left alone.</summary>
    private async Task InsertLinesAsync(DbContext db, List<(Guid MessageId, Person Person, RenderedNotification Text)> lines, CancellationToken ct)
    {
        if (lines.Count == 0)
        {
            return;
        }
        var ids = lines.Select(_ => Guid.NewGuid()).ToArray();
        var messages = lines.Select(l => l.MessageId).ToArray();
        var userNames = lines.Select(l => l.Person.UserName).ToArray();
        var subjects = lines.Select(l => l.Text.Subject).ToArray();
        var bodies = lines.Select(l => l.Text.Body).ToArray();
        var digest = lines.Select(l => l.Person.Digest && !string.IsNullOrEmpty(l.Person.Email)).ToArray();
        var now = time.GetUtcNow();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            insert into lsi.inbox_notifications (id, message_id, user_name, subject, body, created_at, digest_pending)
            select i, m, u, s, b, {now}, d from unnest({ids}, {messages}, {userNames}, {subjects}, {bodies}, {digest}) as x(i, m, u, s, b, d)
            on conflict (message_id, user_name) do nothing
            """, ct);
    }
}

/// <summary>A mail to send: <see cref="Name"/> is its file name in the pickup folder and the local part of its Message-Id.</summary>
public sealed record OutgoingMail(Guid MessageId, string Name, IReadOnlyList<MailboxAddress> To, RenderedNotification Text);

/// <summary>
/// Sends mails through SMTP (one connection for a batch), or, without SMTP, writes them as .eml files to the
/// pickup folder, several at a time. A file is written under a temporary name and then renamed, so a reader
/// of the folder never sees half a mail. Returns the mails that failed, by message.
/// </summary>
public sealed class MailWriter(MailOptions options, IHostEnvironment environment)
{
    public string PickupFolder => Path.GetFullPath(options.PickupFolder, environment.ContentRootPath);

    /// <summary>A mail file as it would travel: lines end in CRLF (RFC 5322), whatever system writes it.</summary>
    private static readonly FormatOptions PickupFormat = CreatePickupFormat();

    private static FormatOptions CreatePickupFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }

    public async Task<IReadOnlyDictionary<Guid, Exception>> SendAsync(IReadOnlyList<OutgoingMail> mails, CancellationToken ct)
    {
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<Guid, Exception>();
        if (mails.Count == 0)
        {
            return failures;
        }
        if (string.IsNullOrWhiteSpace(options.SmtpHost))
        {
            var folder = PickupFolder;
            Directory.CreateDirectory(folder);
            await Parallel.ForEachAsync(mails, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (mail, token) =>
            {
                try
                {
                    using var message = Compose(mail);
                    var path = Path.Combine(folder, $"{mail.Name}.eml");
                    var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
                    await message.WriteToAsync(PickupFormat, temporary, token);
                    File.Move(temporary, path, overwrite: true);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    failures.TryAdd(mail.MessageId, ex);
                }
            });
            return failures;
        }
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(options.SmtpHost, options.SmtpPort, MailKit.Security.SecureSocketOptions.StartTlsWhenAvailable, ct);
        if (!string.IsNullOrEmpty(options.SmtpUser))
        {
            await smtp.AuthenticateAsync(options.SmtpUser, options.SmtpPassword ?? "", ct);
        }
        foreach (var mail in mails)
        {
            try
            {
                using var message = Compose(mail);
                await smtp.SendAsync(message, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not IOException)
            {
                failures.TryAdd(mail.MessageId, ex);
            }
        }
        await smtp.DisconnectAsync(quit: true, ct);
        return failures;
    }

    private MimeMessage Compose(OutgoingMail mail)
    {
        // Quoted-printable UTF-8: any reader takes it, also where 8-bit bodies are not allowed (RFC 2045).
        var body = new TextPart("plain") { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        body.SetText(System.Text.Encoding.UTF8, mail.Text.Body);
        var message = new MimeMessage
        {
            MessageId = $"{mail.Name}@lsi-workflow",
            Subject = mail.Text.Subject,
            Body = body,
        };
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.AddRange(mail.To);
        return message;
    }
}
