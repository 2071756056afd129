using LsiWorkflow.Host.Features.Notifications;
using LsiWorkflow.Host.Tests.Infrastructure;
using LsiWorkflow.Runtime.Persistence;
using LsiWorkflow.Runtime.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskStatus = LsiWorkflow.Runtime.Persistence.TaskStatus;

namespace LsiWorkflow.Host.Tests.Features.Notifications;

/// <summary>Many reminders due together go out in batches: each exactly once, none for a closed task, none lost when a node stops halfway.</summary>
public sealed class BatchDeliveryTests(HostFixture host) : InboxTest(host)
{
    [Fact]
    public async Task Hundreds_of_reminders_due_together_are_delivered_once_each_even_when_two_nodes_fire_them()
    {
        var now = Host.Factory.Clock.GetUtcNow();
        var (open, closed) = await AddTasksWithReminderAsync(openCount: 620, closedCount: 30, due: now.AddMinutes(5));

        Host.Factory.Clock.Advance(TimeSpan.FromMinutes(6));
        // Two nodes (and the host's own Hangfire server) fire the same due timers at once.
        await Task.WhenAll(FireAsync(), FireAsync());
        await AdvanceAndFireAsync(TimeSpan.Zero); // and whatever another node left, as the sweeper would

        var lines = await DbAsync(db => db.Set<LsiWorkflow.Host.Features.Notifications.UserNotification>().AsNoTracking()
            .Where(n => n.UserName == PartnerUwv).Select(n => n.MessageId).ToListAsync());
        Assert.Equal(open.Select(t => t.Timer).Order(), lines.Order());
        Assert.Equal(lines.Count, lines.Distinct().Count());
        Assert.Empty(lines.Intersect(closed.Select(t => t.Timer)));
        Assert.Equal(open.Count, (await NotificationsOfAsync(ColleagueUwv)).Count);
        foreach (var (_, timer) in open.Take(20).Concat(open.TakeLast(20)))
        {
            var mail = await File.ReadAllTextAsync(await PickupFileAsync(timer));
            Assert.Contains("partner.uwv@test.lsi.local", mail, StringComparison.Ordinal);
            Assert.Contains("collega.uwv@test.lsi.local", mail, StringComparison.Ordinal);
        }
        foreach (var (_, timer) in closed)
        {
            Assert.False(File.Exists(await PickupFileAsync(timer)));
        }
        var outbox = await DbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Kind == TaskDeadlineNotifier.OutboxKind).ToListAsync());
        Assert.Equal(open.Count, outbox.Count);
        Assert.All(outbox, m => Assert.True(m.DispatchedAt is not null && m.Attempts == 0, $"{m.Id}: {m.LastError}"));
        var timers = open.Concat(closed).Select(t => t.Timer).ToList();
        Assert.True(await DbAsync(db => db.Set<TimerRecord>().Where(t => timers.Contains(t.Id)).AllAsync(t => t.Status == TimerStatus.Fired)));
    }

    [Fact]
    public async Task A_claimed_batch_left_undelivered_by_a_stopped_node_is_delivered_once_by_the_sweeper()
    {
        var now = Host.Factory.Clock.GetUtcNow();
        var (open, _) = await AddTasksWithReminderAsync(openCount: 40, closedCount: 0, due: now.AddMinutes(1));
        // The node claimed the timers and committed their outbox messages, then stopped before delivering them.
        await DbAsync(async db =>
        {
            var tasks = await db.Set<TaskRecord>().AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.InstanceId);
            foreach (var (task, timer) in open)
            {
                db.Add(TaskDeadlineNotifier.Fired(timer, task, tasks[task], TaskDeadlineKind.Reminder, now));
            }
            await db.Set<TimerRecord>().ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatus.Fired).SetProperty(t => t.FiredAt, now));
            return await db.SaveChangesAsync();
        });
        var first = open[0].Timer;

        await AdvanceAndFireAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(open.Count, (await NotificationsOfAsync(PartnerUwv)).Count);
        var written = File.GetLastWriteTimeUtc(await PickupFileAsync(first));

        // Delivered but not marked (a stop between writing and committing): delivering again repeats nothing visible.
        await DbAsync(db => db.Set<OutboxMessage>().ExecuteUpdateAsync(s => s.SetProperty(m => m.DispatchedAt, (DateTimeOffset?)null)));
        await AdvanceAndFireAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(open.Count, (await NotificationsOfAsync(PartnerUwv)).Count);
        Assert.True(File.Exists(await PickupFileAsync(first)));
        Assert.True(File.GetLastWriteTimeUtc(await PickupFileAsync(first)) >= written);
        var pickup = Path.GetDirectoryName(await PickupFileAsync(first))!;
        Assert.Empty(Directory.EnumerateFiles(pickup, $"{first:N}*.tmp"));
        Assert.True(await DbAsync(db => db.Set<OutboxMessage>().AllAsync(m => m.DispatchedAt != null)));
    }

    private Task<int> FireAsync() =>
        Host.InScopeAsync(services => services.GetRequiredService<DueTimers>().FireAllDueAsync(CancellationToken.None));

    /// <summary>Tasks of UWV, each with one reminder timer due at <paramref name="due"/>; the closed ones were completed before it.</summary>
    private async Task<(List<(Guid Task, Guid Timer)> Open, List<(Guid Task, Guid Timer)> Closed)> AddTasksWithReminderAsync(int openCount, int closedCount, DateTimeOffset due)
    {
        await PublishApprovalAsync("UWV");
        var instanceId = await StartAsync();
        var now = Host.Factory.Clock.GetUtcNow();
        var open = new List<(Guid, Guid)>();
        var closed = new List<(Guid, Guid)>();
        await DbAsync(db =>
        {
            for (var i = 0; i < openCount + closedCount; i++)
            {
                var isOpen = i < openCount;
                var task = new TaskRecord
                {
                    Id = Guid.NewGuid(),
                    InstanceId = instanceId,
                    BookmarkId = Guid.NewGuid(),
                    ActivityId = "approve",
                    DefinitionId = DefinitionId,
                    Title = $"Taak {i}",
                    Organisation = "UWV",
                    Role = "Partner",
                    Outcomes = "[\"Goedkeuren\"]",
                    CommentRequiredFor = "[]",
                    FormFields = "[]",
                    DueAt = due.AddDays(3),
                    Priority = "normal",
                    Status = isOpen ? TaskStatus.Open : TaskStatus.Completed,
                    CreatedAt = now,
                    ClosedAt = isOpen ? null : now,
                };
                var timer = new TimerRecord { Id = Guid.NewGuid(), TaskId = task.Id, TaskDeadline = TaskDeadlineKind.Reminder, DueAt = due, Status = TimerStatus.Pending, CreatedAt = now };
                db.AddRange(task, timer);
                (isOpen ? open : closed).Add((task.Id, timer.Id));
            }
            return db.SaveChangesAsync();
        });
        // The workflow's own task and its timers are not part of this test.
        await DbAsync(db => db.Set<TimerRecord>().Where(t => t.DueAt != due).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatus.Cancelled)));
        return (open, closed);
    }
}
