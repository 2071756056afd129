using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LsiWorkflow.Host.Features.Designer;
using LsiWorkflow.Host.Features.Instances;
using LsiWorkflow.Host.Features.Notifications;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Outbox;
using LsiWorkflow.Runtime.Persistence;
using LsiWorkflow.Runtime.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LsiWorkflow.Host.Tests.Infrastructure;

/// <summary>
/// Tests of the inbox: a small approval workflow published and started through the use cases, partners of
/// UWV and SVB, a secretary and a steering-group member, and helpers to move the clock and fire what is due.
/// </summary>
public abstract class InboxTest(HostFixture host) : HostTest(host)
{
    protected const string Secretary = "secretaris";
    protected const string PartnerUwv = "partner.uwv";
    protected const string ColleagueUwv = "collega.uwv";
    protected const string PartnerSvb = "partner.svb";
    protected const string PartnerInd = "partner.ind";
    protected const string SteeringMember = "stuurgroep.nla";
    protected const string DefinitionId = "inbox-approval";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Host.CreateUserAsync(Secretary, "SZW", Roles.Secretary);
        await Host.CreateUserAsync(PartnerUwv, "UWV", Roles.Partner);
        await Host.CreateUserAsync(ColleagueUwv, "UWV", Roles.Partner);
        await Host.CreateUserAsync(PartnerSvb, "SVB", Roles.Partner);
        await Host.CreateUserAsync(PartnerInd, "IND", Roles.Partner);
        await Host.CreateUserAsync(SteeringMember, "NLA", Roles.SteeringGroupMember);
    }

    /// <summary>
    /// Publishes the approval workflow: one task per organisation, due in 14 days, reminders 7 and 2 days
    /// before, escalation to the secretariat; approval ends it, rejection (comment required) too.
    /// </summary>
    protected Task PublishApprovalAsync(params string[] organisations)
    {
        var definition = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["id"] = DefinitionId,
            ["name"] = "Goedkeuring inbox",
            ["version"] = 1,
            ["variables"] = new JsonArray(new JsonObject { ["name"] = "projectName", ["type"] = "string", ["default"] = "" }),
            ["activities"] = new JsonArray(
                new JsonObject
                {
                    ["id"] = "start",
                    ["type"] = "Start",
                    ["position"] = Position(0),
                    ["properties"] = new JsonObject { ["inputs"] = new JsonArray(new JsonObject { ["name"] = "projectName", ["type"] = "string" }) },
                },
                new JsonObject
                {
                    ["id"] = "name",
                    ["type"] = "SetVariable",
                    ["position"] = Position(1),
                    ["properties"] = new JsonObject { ["variable"] = "projectName", ["value"] = new JsonObject { ["expr"] = "input.projectName" } },
                },
                new JsonObject
                {
                    ["id"] = "approve",
                    ["type"] = "HumanTask",
                    ["position"] = Position(2),
                    ["properties"] = new JsonObject
                    {
                        ["title"] = "Keur project {{ variables.projectName }} goed",
                        ["description"] = "Beoordeel het projectplan.",
                        ["assignee"] = new JsonObject { ["organisations"] = new JsonArray([.. organisations.Select(o => JsonValue.Create(o))]), ["role"] = "Partner" },
                        ["completion"] = "all",
                        ["outcomes"] = new JsonArray("Goedkeuren", "Afwijzen"),
                        ["dueIn"] = "P14D",
                        ["reminders"] = new JsonArray("P7D", "P2D"),
                        ["escalateTo"] = "Secretariat",
                        ["priority"] = "high",
                    },
                },
                new JsonObject { ["id"] = "end", ["type"] = "End", ["position"] = Position(3) }),
            ["connections"] = new JsonArray(
                Connection("start", null, "name"),
                Connection("name", null, "approve"),
                Connection("approve", "Goedkeuren", "end"),
                Connection("approve", "Afwijzen", "end")),
        };
        return SendAsync(async mediator =>
        {
            await mediator.Send(new SaveDraft(definition.ToJsonString(), null, SecretaryActor));
            return await mediator.Send(new PublishDefinition(DefinitionId, SecretaryActor));
        });
    }

    protected async Task<Guid> StartAsync(string projectName = "Wijkaanpak Zuid")
    {
        var started = await SendAsync(m => m.Send(new StartInstance(DefinitionId, null, new JsonObject { ["projectName"] = projectName }, null, SecretaryActor)).AsTask());
        return started.InstanceId;
    }

    protected static Actor SecretaryActor => new(Secretary, "SZW", new HashSet<string> { Roles.Secretary });

    protected Task<T> SendAsync<T>(Func<IMediator, Task<T>> send) =>
        Host.InScopeAsync(services => send(services.GetRequiredService<IMediator>()));

    protected Task<T> DbAsync<T>(Func<LsiDbContext, Task<T>> query) =>
        Host.InScopeAsync(services => query(services.GetRequiredService<LsiDbContext>()));

    protected Task<TaskRecord> TaskOfAsync(Guid instanceId, string organisation) =>
        DbAsync(db => db.Set<TaskRecord>().AsNoTracking().SingleAsync(t => t.InstanceId == instanceId && t.Organisation == organisation));

    protected Task<List<TimerRecord>> TimersOfAsync(Guid taskId) =>
        DbAsync(db => db.Set<TimerRecord>().AsNoTracking().Where(t => t.TaskId == taskId).OrderBy(t => t.DueAt).ToListAsync());

    protected Task<List<UserNotification>> NotificationsOfAsync(string userName) =>
        DbAsync(db => db.Set<UserNotification>().AsNoTracking().Where(n => n.UserName == userName).OrderBy(n => n.CreatedAt).ToListAsync());

    /// <summary>Moves the clock, fires every due timer and dispatches the outbox, as the timer job and the sweeper would.</summary>
    protected async Task<int> AdvanceAndFireAsync(TimeSpan by)
    {
        Host.Factory.Clock.Advance(by);
        var fired = await Host.InScopeAsync(services => services.GetRequiredService<DueTimers>().FireAllDueAsync(CancellationToken.None));
        // Hangfire dispatches too; a message it holds is skipped here, so wait until none is left.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await Host.InScopeAsync(async services =>
            {
                await services.GetRequiredService<OutboxDispatcher>().DispatchStaleAsync(TimeSpan.Zero, CancellationToken.None);
                return true;
            });
            if (!await DbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.DispatchedAt == null)) || DateTime.UtcNow > deadline)
            {
                return fired;
            }
            await Task.Delay(100);
        }
    }

    protected Task<string> PickupFileAsync(Guid messageId) => Host.InScopeAsync(services =>
    {
        var options = services.GetRequiredService<LsiWorkflow.Host.Features.Notifications.MailOptions>();
        var root = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        return Task.FromResult(Path.Combine(Path.GetFullPath(options.PickupFolder, root), $"{messageId:N}.eml"));
    });

    protected static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private static JsonObject Position(int i) => new() { ["x"] = i * 200, ["y"] = 0 };

    private static JsonObject Connection(string source, string? outcome, string target)
    {
        var connection = new JsonObject { ["source"] = source, ["target"] = target };
        if (outcome is not null)
        {
            connection["outcome"] = outcome;
        }
        return connection;
    }
}
