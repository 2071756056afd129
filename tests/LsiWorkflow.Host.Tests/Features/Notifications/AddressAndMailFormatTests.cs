using System.Net;
using System.Net.Http.Json;
using System.Text;
using LsiWorkflow.Host.Features.Notifications;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace LsiWorkflow.Host.Tests.Features.Notifications;

/// <summary>
/// One public address behind every link (mails, the calendar address); mail files as mail programs expect them
/// (CRLF, a transfer encoding); the calendar feed answering HEAD and speaking the reader's language.
/// </summary>
public sealed class AddressAndMailFormatTests(HostFixture host) : InboxTest(host)
{
    [Theory]
    [InlineData("https://lsi.voorbeeld.nl/werk/", null, "https://lsi.voorbeeld.nl/werk")]
    [InlineData(null, "http://127.0.0.1:6123", "http://127.0.0.1:6123")]
    [InlineData(null, "http://0.0.0.0:8080;https://0.0.0.0:8443", "http://localhost:8080")]
    [InlineData(null, "http://+:7000", "http://localhost:7000")]
    [InlineData(null, "http://[::]:7001", "http://localhost:7001")]
    [InlineData(null, null, "http://localhost:5000")]
    public void The_public_address_is_the_setting_or_else_where_the_host_listens(string? setting, string? urls, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mail:PublicBaseUrl"] = setting,
            ["urls"] = urls,
        }).Build();

        Assert.Equal(expected, MailOptions.Read(configuration).PublicBaseUrl);
    }

    [Fact]
    public async Task Mail_links_and_the_calendar_address_follow_the_one_public_address()
    {
        var options = Host.Factory.Services.GetRequiredService<MailOptions>();
        var before = options.PublicBaseUrl;
        options.PublicBaseUrl = "https://lsi.voorbeeld.nl/werk";
        try
        {
            await PublishApprovalAsync("UWV");
            var task = await TaskOfAsync(await StartAsync(), "UWV");
            using var partner = await Host.ClientForAsync(PartnerUwv);

            var link = await ReadAsync(await partner.PostAsync("/api/calendar/token", null), HttpStatusCode.OK);
            var calendar = link.GetProperty("url").GetString()!;
            Assert.StartsWith("https://lsi.voorbeeld.nl/werk/calendar/", calendar, StringComparison.Ordinal);
            using var anonymous = Host.CreateClient();
            var ics = await anonymous.GetStringAsync(new Uri(calendar).AbsolutePath.Replace("/werk", "", StringComparison.Ordinal));
            Assert.Contains($"https://lsi.voorbeeld.nl/werk/tasks/{task.Id}", Unfold(ics), StringComparison.Ordinal);

            await AdvanceAndFireAsync(TimeSpan.FromDays(8)); // the first reminder
            var reminder = (await NotificationsOfAsync(PartnerUwv)).Single();
            var file = await PickupFileAsync(reminder.MessageId);
            using var mail = await MimeMessage.LoadAsync(file);
            Assert.Contains($"Open de taak: https://lsi.voorbeeld.nl/werk/tasks/{task.Id}", mail.TextBody, StringComparison.Ordinal);
        }
        finally
        {
            options.PublicBaseUrl = before;
        }
    }

    [Fact]
    public async Task A_pickup_mail_has_crlf_lines_and_a_transfer_encoding_for_its_utf8_body()
    {
        await PublishApprovalAsync("UWV");
        await StartAsync("Wijkaanpak Zuid — één project");
        await AdvanceAndFireAsync(TimeSpan.FromDays(8));
        var reminder = (await NotificationsOfAsync(PartnerUwv)).Single();

        var bytes = await File.ReadAllBytesAsync(await PickupFileAsync(reminder.MessageId));

        var text = Encoding.ASCII.GetString(bytes);
        Assert.All(bytes, b => Assert.True(b < 0x80, "a byte outside 7-bit ASCII in the file"));
        for (var i = 0; i < bytes.Length; i++)
        {
            Assert.True(bytes[i] != '\n' || (i > 0 && bytes[i - 1] == '\r'), $"a bare LF at byte {i}");
        }
        Assert.Contains("Content-Transfer-Encoding: quoted-printable", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("charset=utf-8", text, StringComparison.OrdinalIgnoreCase);
        using var mail = await MimeMessage.LoadAsync(new MemoryStream(bytes));
        Assert.Contains("Wijkaanpak Zuid — één project", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_calendar_feed_answers_head_like_get_and_speaks_the_readers_language()
    {
        await PublishApprovalAsync("UWV");
        await StartAsync();
        using var partner = await Host.ClientForAsync(PartnerUwv);
        var path = new Uri((await ReadAsync(await partner.PostAsync("/api/calendar/token", null), HttpStatusCode.OK)).GetProperty("url").GetString()!).AbsolutePath;
        using var anonymous = Host.CreateClient();

        using var get = await anonymous.GetAsync(path);
        using var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        using var unknown = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/calendar/onbekend.ics"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("SUMMARY:Taak: Keur project", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await ReadAsync(await partner.PutAsJsonAsync("/api/notifications/settings", new { language = "en", dailyDigest = false }), HttpStatusCode.OK);
        var english = await anonymous.GetStringAsync(path);
        Assert.Contains("SUMMARY:Task: Keur project", english, StringComparison.Ordinal);
    }

    /// <summary>iCalendar folds long lines (CRLF and a space); read them whole.</summary>
    private static string Unfold(string ics) => ics.Replace("\r\n ", "", StringComparison.Ordinal);
}
