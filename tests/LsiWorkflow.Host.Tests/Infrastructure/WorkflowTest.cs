using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LsiWorkflow.Domain;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Host.Features.Designer;
using LsiWorkflow.Host.Features.Notifications;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Runtime.Outbox;
using LsiWorkflow.Runtime.Persistence;
using LsiWorkflow.Runtime.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskStatus = LsiWorkflow.Runtime.Persistence.TaskStatus;

namespace LsiWorkflow.Host.Tests.Infrastructure;

/// <summary>
/// Runs the shipped workflows against the real host: the letter seeded, a person for every partner, the shipped
/// definitions published after the reset. Tasks are completed through the REST API by people of the organisation
/// they are assigned to; time moves only when a test moves the clock.
/// </summary>
public abstract class WorkflowTest(HostFixture host) : DomainTest(host)
{
    /// <summary>The partners that discuss, consult and sign; each gets a person "partner.&lt;code&gt;".</summary>
    protected static readonly string[] Partners =
        [Organisations.Arbeidsinspectie, Organisations.Ind, Organisations.Belastingdienst, Organisations.DienstToeslagen, Organisations.Uwv, Organisations.Svb, Organisations.Vng];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var partner in Partners.Where(p => p is not Organisations.Uwv and not Organisations.Belastingdienst))
        {
            await Host.CreateUserAsync(PartnerOf(partner), partner, Roles.Partner);
        }
        await Host.InScopeAsync(services => services.GetRequiredService<ShippedWorkflows>().PublishShippedAsync(CancellationToken.None));
    }

    protected static string PartnerOf(string organisation) => $"partner.{organisation.ToLowerInvariant()}";

    /// <summary>Starts a published workflow through the API, as the secretary.</summary>
    protected async Task<Guid> StartAsync(string definitionId, object input)
    {
        using var secretary = await Host.ClientForAsync(Secretary);
        var started = await ReadAsync(await secretary.PostAsJsonAsync($"/api/instances/{definitionId}", new { input }), HttpStatusCode.Created);
        await SettleAsync();
        return started.GetProperty("instanceId").GetGuid();
    }

    protected Task<List<TaskRecord>> OpenTasksAsync(Guid instanceId, string? activityId = null) =>
        Host.InScopeAsync(services => services.GetRequiredService<LsiDbContext>().Set<TaskRecord>().AsNoTracking()
            .Where(t => t.InstanceId == instanceId && t.Status == TaskStatus.Open && (activityId == null || t.ActivityId == activityId))
            .OrderBy(t => t.Organisation)
            .ToListAsync());

    /// <summary>
    /// Completes every open task of the activity through the API, each by a person the task is for, and waits
    /// until what that set in motion has happened. Fails when the activity has no open task.
    /// </summary>
    protected async Task<IReadOnlyList<TaskRecord>> CompleteAsync(Guid instanceId, string activityId, string outcome, object? formValues = null, string? comment = null)
    {
        var tasks = await OpenTasksAsync(instanceId, activityId);
        Assert.True(tasks.Count > 0, $"No open task for '{activityId}'; open: {string.Join(", ", (await OpenTasksAsync(instanceId)).Select(t => t.ActivityId))}; {await DescribeAsync(instanceId)}");
        foreach (var task in tasks)
        {
            using var client = await FreshClientAsync(PersonFor(task));
            var response = await client.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome, comment, formValues });
            await ReadAsync(response, HttpStatusCode.OK);
        }
        await SettleAsync();
        return tasks;
    }

    /// <summary>A client with a token issued now: tokens issued before the clock moved months ahead have expired.</summary>
    private async Task<HttpClient> FreshClientAsync(string userName)
    {
        using var anonymous = Host.CreateClient();
        var token = await ReadAsync(await anonymous.PostAsJsonAsync("/api/auth/token", new { userName, password = HostFixture.Password }), HttpStatusCode.OK);
        var client = Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    private static string PersonFor(TaskRecord task) => task switch
    {
        { Organisation: Organisations.Szw } => Secretary,
        { Organisation: { } organisation } => PartnerOf(organisation),
        { Role: Roles.SteeringGroupMember } => SteeringMemberUwv,
        _ => Secretary,
    };

    /// <summary>Moves the clock and fires what became due.</summary>
    protected async Task AdvanceToAsync(DateTimeOffset moment)
    {
        Host.Factory.Clock.SetUtcNow(moment);
        await SettleAsync();
    }

    /// <summary>
    /// Fires due timers and carries out outbox messages (child starts, parent resumes, mails) until nothing is
    /// left; Hangfire's own workers may do some of it meanwhile, which is harmless.
    /// </summary>
    protected async Task SettleAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var undone = await Host.InScopeAsync(async services =>
            {
                await services.GetRequiredService<DueTimers>().FireAllDueAsync(CancellationToken.None);
                await services.GetRequiredService<OutboxDispatcher>().DispatchStaleAsync(TimeSpan.Zero, CancellationToken.None);
                var db = services.GetRequiredService<LsiDbContext>();
                var now = Host.Factory.Clock.GetUtcNow();
                var messages = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.DispatchedAt == null)
                    .Select(m => $"{m.Kind} (attempts {m.Attempts}: {m.LastError})").ToListAsync();
                var timers = await db.Set<TimerRecord>().AsNoTracking().Where(t => t.Status == TimerStatus.Pending && t.DueAt <= now)
                    .Select(t => $"timer {t.Id} due {t.DueAt:O}").ToListAsync();
                return messages.Concat(timers).ToList();
            });
            if (undone.Count == 0)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Still undone: {string.Join("; ", undone)}");
            await Task.Delay(100);
        }
    }

    protected async Task<WorkflowState> StateAsync(Guid instanceId) => WorkflowState.FromJson((await Host.InstanceAsync(instanceId)).State);

    protected Task<List<InstanceRecord>> InstancesOfAsync(string definitionId) =>
        Host.InScopeAsync(services => services.GetRequiredService<LsiDbContext>().Set<InstanceRecord>().AsNoTracking()
            .Where(i => i.DefinitionId == definitionId).OrderBy(i => i.CreatedAt).ToListAsync());

    /// <summary>
    /// The notifications sent so far, as subject and payload: the workflows' own, and the task deadlines' as
    /// their Dutch text renders.
    /// </summary>
    protected Task<List<NotificationRequested>> NotificationsAsync() =>
        Host.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LsiDbContext>();
            var messages = await db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.Kind == OutboxKinds.Notification || m.Kind == TaskDeadlineNotifier.OutboxKind).OrderBy(m => m.CreatedAt).ToListAsync();
            var deadlines = await services.GetServices<INoticeSource>().Single(s => s.Kind == TaskDeadlineNotifier.OutboxKind)
                .NoticesAsync(db, [.. messages.Where(m => m.Kind == TaskDeadlineNotifier.OutboxKind)], CancellationToken.None);
            return messages.Select(m => m.Kind == OutboxKinds.Notification
                    ? (NotificationRequested)JsonSerializer.Deserialize<WorkflowEffect>(m.Payload, WorkflowState.JsonOptions)!
                    : deadlines.TryGetValue(m.Id, out var notice) ? Requested(notice) : null)
                .OfType<NotificationRequested>().ToList();
        });

    private static NotificationRequested Requested(LsiWorkflow.Runtime.Outbox.Notice notice)
    {
        var text = notice.Text("nl");
        return new NotificationRequested(notice.MessageId, notice.Organisations, notice.Roles, notice.Users, text.Subject, text.Body);
    }

    /// <summary>Status, incidents and the last journal lines, for assertion messages.</summary>
    protected async Task<string> DescribeAsync(Guid instanceId)
    {
        var state = await StateAsync(instanceId);
        var journal = await Host.JournalAsync(instanceId);
        return $"status {state.Status}; incidents: {string.Join(" | ", state.Incidents.Select(i => i.Message))}; journal: "
            + string.Join(" | ", journal.TakeLast(6).Select(j => $"{j.ActivityId} {j.Outcome} {j.Message}"));
    }

    protected static JsonObject Output(WorkflowState state, string activityId) => (JsonObject)state.ActivityOutputs[activityId]!;
}
