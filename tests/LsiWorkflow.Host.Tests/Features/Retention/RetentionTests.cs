using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Features.Notifications;
using LsiWorkflow.Host.Features.Retention;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Tests.Infrastructure;
using LsiWorkflow.Host.Tests.Runtime;
using LsiWorkflow.Runtime.Outbox;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LsiWorkflow.Host.Tests.Features.Retention;

/// <summary>Personal data past its period is removed, the archive is not; a person's data is exported and erased on request.</summary>
public sealed class RetentionTests(HostFixture host) : DomainTest(host)
{
    private const string Admin = "beheer";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Host.CreateUserAsync(Admin, Organisations.Szw, Roles.Admin);
    }

    [Fact]
    public async Task Notifications_outbox_messages_pickup_mails_and_sign_in_records_past_their_period_are_removed_and_the_rest_stays()
    {
        var now = Host.Factory.Clock.GetUtcNow();
        var options = Host.Factory.Services.GetRequiredService<RetentionOptions>();
        await Host.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LsiDbContext>();
            db.AddRange(Notification("oud", now - options.Notifications - TimeSpan.FromDays(1)), Notification("recent", now - TimeSpan.FromDays(1)));
            db.AddRange(
                Outbox(dispatchedAt: now - options.DeliveredOutbox - TimeSpan.FromDays(1)),
                Outbox(dispatchedAt: now - TimeSpan.FromDays(1)),
                Outbox(dispatchedAt: null, createdAt: now - TimeSpan.FromDays(400))); // never delivered: still to do, never purged
            var user = await db.Set<LsiUser>().SingleAsync(u => u.UserName == PartnerUwv);
            db.AddRange(
                Session(user.Id, lastSeen: now - options.SignInRecords - TimeSpan.FromDays(1)),
                Session(user.Id, lastSeen: now - TimeSpan.FromHours(1)));
            await db.SaveChangesAsync();
            return true;
        });
        var folder = Host.Factory.Services.GetRequiredService<MailWriter>().PickupFolder;
        Directory.CreateDirectory(folder);
        var oldMail = Path.Combine(folder, $"{Guid.NewGuid():N}.eml");
        var newMail = Path.Combine(folder, $"{Guid.NewGuid():N}.eml");
        await File.WriteAllTextAsync(oldMail, "Subject: oud\r\n\r\nx\r\n");
        await File.WriteAllTextAsync(newMail, "Subject: nieuw\r\n\r\nx\r\n");
        File.SetLastWriteTimeUtc(oldMail, (now - options.PickupMails - TimeSpan.FromDays(1)).UtcDateTime);
        File.SetLastWriteTimeUtc(newMail, (now - TimeSpan.FromDays(1)).UtcDateTime);

        var purged = await Host.InScopeAsync(services => services.GetRequiredService<PersonalDataRetention>().PurgeAsync(CancellationToken.None));

        Assert.Equal(new Purged(1, 1, 1, 1), purged);
        var (subjects, outbox) = await Host.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LsiDbContext>();
            return (await db.Set<UserNotification>().Select(n => n.Subject).ToListAsync(), await db.Set<OutboxMessage>().CountAsync());
        });
        Assert.Equal(["recent"], subjects);
        Assert.Equal(2, outbox);
        Assert.False(File.Exists(oldMail));
        Assert.True(File.Exists(newMail));
    }

    [Fact]
    public async Task A_persons_data_is_exported_and_after_removal_erased_while_decisions_and_audit_keep_their_name()
    {
        await Host.PublishAsync(Definitions.Approval("inzage", Organisations.Uwv));
        var instanceId = await Host.StartAsync("inzage");
        var task = Assert.Single(await Host.TasksAsync(instanceId));
        using (var partner = await Host.ClientForAsync(PartnerUwv))
        {
            var decided = await partner.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome = "Goedkeuren", comment = "Akkoord, mits de DPIA klaar is" });
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await partner.PutAsJsonAsync("/api/inbox/views", new { name = "Mijn werk", filter = new { overdue = true } })).StatusCode);
        }
        await Host.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LsiDbContext>();
            db.Add(Notification("Nieuwe taak voor u", Host.Factory.Clock.GetUtcNow(), PartnerUwv));
            await db.SaveChangesAsync();
            return true;
        });
        using var admin = await Host.ClientForAsync(Admin);

        var export = await ReadAsync(await admin.GetAsync($"/api/admin/personal-data/{PartnerUwv}"), HttpStatusCode.OK);
        Assert.Equal(Organisations.Uwv, export.GetProperty("organisation").GetString());
        Assert.Equal("Akkoord, mits de DPIA klaar is", export.GetProperty("decisions")[0].GetProperty("comment").GetString());
        Assert.Equal("Nieuwe taak voor u", export.GetProperty("notifications")[0].GetProperty("subject").GetString());
        Assert.Equal("Mijn werk", export.GetProperty("savedViews")[0].GetString());

        // The account still exists: erasing would leave a person without their settings, so it is refused.
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync($"/api/admin/personal-data/{PartnerUwv}")).StatusCode);
        await Host.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<LsiUser>>();
            return await users.DeleteAsync((await users.FindByNameAsync(PartnerUwv))!);
        });

        var erased = await ReadAsync(await admin.DeleteAsync($"/api/admin/personal-data/{PartnerUwv}"), HttpStatusCode.OK);
        Assert.Equal(1, erased.GetProperty("notifications").GetInt32());
        Assert.Equal(1, erased.GetProperty("savedViews").GetInt32());
        var after = await ReadAsync(await admin.GetAsync($"/api/admin/personal-data/{PartnerUwv}"), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("email").ValueKind);
        Assert.Equal(0, after.GetProperty("notifications").GetArrayLength());
        Assert.Equal(0, after.GetProperty("savedViews").GetArrayLength());
        // The archive stays: the decision with its comment, naming the person by the name they had.
        var decision = Assert.Single(after.GetProperty("decisions").EnumerateArray());
        Assert.Equal("Akkoord, mits de DPIA klaar is", decision.GetProperty("comment").GetString());
        Assert.Equal(PartnerUwv, (await Host.TasksAsync(instanceId)).Single().CompletedBy);
    }

    private static UserNotification Notification(string subject, DateTimeOffset at, string userName = "partner.uwv") => new()
    {
        Id = Guid.NewGuid(),
        MessageId = Guid.NewGuid(),
        UserName = userName,
        Subject = subject,
        Body = "Tekst",
        CreatedAt = at,
    };

    private static AccountSession Session(Guid userId, DateTimeOffset lastSeen) => new()
    {
        UserId = userId,
        Kind = SessionKind.Browser,
        StartedAt = lastSeen.AddHours(-1),
        LastSeenAt = lastSeen,
    };

    private static OutboxMessage Outbox(DateTimeOffset? dispatchedAt, DateTimeOffset? createdAt = null) => new()
    {
        Id = Guid.NewGuid(),
        Kind = OutboxKinds.Notification,
        Payload = "{}",
        CreatedAt = createdAt ?? dispatchedAt!.Value.AddMinutes(-1),
        DispatchedAt = dispatchedAt,
    };
}
