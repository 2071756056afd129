using LsiWorkflow.Host.Tests.Infrastructure;
using LsiWorkflow.Runtime;
using LsiWorkflow.Runtime.Persistence;
using LsiWorkflow.Runtime.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LsiWorkflow.Host.Tests.Runtime;

/// <summary>
/// A process that dies right after a burst commits never hands its wake-ups and outbox messages to Hangfire.
/// These tests make that happen (a scheduler that drops the hand-over) and check the sweep repairs it, once.
/// </summary>
public sealed class CrashRecoveryTests(HostFixture host) : HostTest(host)
{
    [Fact]
    public async Task A_crash_between_commit_and_dispatch_loses_nothing_and_repeats_nothing()
    {
        await Host.PublishAsync(Definitions.Delayed("na-crash", "PT1H"));
        await Host.CreateUserAsync("secretaris", "SZW", LsiWorkflow.Host.Shared.Access.Roles.Secretary);

        // Start and fire the timer with a runtime whose post-commit hand-over is lost, as in a crash.
        var instanceId = await WithLostHandOverAsync(async sp => (await sp.GetRequiredService<DurableRuntime>()
            .StartAsync("na-crash", null, new LsiWorkflow.Engine.Runtime.StartRequest { InstanceId = Guid.NewGuid() }, CancellationToken.None)).InstanceId);
        Host.Factory.Clock.Advance(TimeSpan.FromHours(1));
        await WithLostHandOverAsync(sp => sp.GetRequiredService<DueTimers>().FireAllDueAsync(CancellationToken.None));
        Assert.Equal("Finished", (await Host.InstanceAsync(instanceId)).Status);
        Assert.Equal(1, await UndispatchedAsync());
        Assert.Empty(Mails("na-crash"));

        Host.Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await RunSweepAsync();
        await RunSweepAsync();

        Assert.Equal(0, await UndispatchedAsync());
        Assert.Single(Mails("na-crash"));
    }

    [Fact]
    public async Task A_timer_whose_wake_up_was_lost_is_fired_by_the_sweep()
    {
        await Host.PublishAsync(Definitions.Delayed("verloren-wekker", "PT5M"));
        var instanceId = await WithLostHandOverAsync(async sp => (await sp.GetRequiredService<DurableRuntime>()
            .StartAsync("verloren-wekker", null, new LsiWorkflow.Engine.Runtime.StartRequest { InstanceId = Guid.NewGuid() }, CancellationToken.None)).InstanceId);

        Host.Factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await RunSweepAsync();

        Assert.Equal("Finished", (await Host.InstanceAsync(instanceId)).Status);
        Assert.Single(await Host.JournalAsync(instanceId), j => j.ActivityId == "wait" && j.Outcome is not null);
    }

    private List<string> Mails(string containing) =>
        Directory.Exists(Host.Factory.MailFolder)
            ? Directory.GetFiles(Host.Factory.MailFolder, "*.eml").Where(f => File.ReadAllText(f).Contains(containing, StringComparison.Ordinal)).ToList()
            : [];

    private Task<int> UndispatchedAsync() =>
        Host.InScopeAsync(sp => sp.GetRequiredService<LsiWorkflow.Host.Shared.Persistence.LsiDbContext>().Set<OutboxMessage>().CountAsync(m => m.DispatchedAt == null));

    private Task<bool> RunSweepAsync() => Host.InScopeAsync(async sp =>
    {
        await sp.GetRequiredService<SweepJob>().RunAsync(CancellationToken.None);
        return true;
    });

    /// <summary>Runs work in a scope whose scheduler forgets everything handed to it.</summary>
    private Task<T> WithLostHandOverAsync<T>(Func<IServiceProvider, Task<T>> work) => Host.InScopeAsync(async sp =>
    {
        return await work(new OverridingProvider(sp, new LostHandOver()));
    });

    private sealed class LostHandOver : IWorkflowScheduler
    {
        public Task WakeAtAsync(IReadOnlyCollection<DateTimeOffset> dueTimes, CancellationToken ct) => Task.CompletedTask;

        public Task DispatchSoonAsync(IReadOnlyCollection<Guid> outboxIds, CancellationToken ct) => Task.CompletedTask;
    }

    /// <summary>The host's services, except that runtime, after-commit work and timers are built with the forgetful scheduler.</summary>
    private sealed class OverridingProvider(IServiceProvider inner, IWorkflowScheduler scheduler) : IServiceProvider
    {
        public object? GetService(Type serviceType)
        {
            if (serviceType == typeof(IWorkflowScheduler))
            {
                return scheduler;
            }
            if (serviceType == typeof(DurableRuntime) || serviceType == typeof(DueTimers) || serviceType == typeof(AfterCommit))
            {
                return ActivatorUtilities.CreateInstance(this, serviceType);
            }
            return inner.GetService(serviceType);
        }
    }
}

/// <summary>
/// The gap between reading a condition and committing the wait for it: an event raised in that gap finds no
/// bookmark to resume, so the runtime looks for it in the event log once the wait is committed.
/// </summary>
public sealed class MissedEventTests(HostFixture host) : HostTest(host)
{
    [Fact]
    public async Task An_event_raised_while_an_instance_begins_to_wait_is_still_delivered()
    {
        await Host.PublishAsync(Definitions.WaitsForEvent("net-op-tijd"));
        // As if raised by another node after this burst's transaction began: stamped later than its start.
        await RecordEventAsync(minutesFromNow: 10);

        var instanceId = await Host.StartAsync("net-op-tijd");

        Assert.Equal("Finished", (await Host.InstanceAsync(instanceId)).Status);
    }

    [Fact]
    public async Task An_event_raised_before_the_wait_began_is_not_delivered_to_it()
    {
        await Host.PublishAsync(Definitions.WaitsForEvent("te-vroeg"));
        await RecordEventAsync(minutesFromNow: -10);

        var instanceId = await Host.StartAsync("te-vroeg");

        Assert.Equal("Waiting", (await Host.InstanceAsync(instanceId)).Status);
    }

    private Task<int> RecordEventAsync(int minutesFromNow) => Host.InScopeAsync(sp =>
        sp.GetRequiredService<LsiWorkflow.Host.Shared.Persistence.LsiDbContext>().Database.ExecuteSqlInterpolatedAsync(
            $"insert into lsi.workflow_events (name, correlation_key, raised_at) values ('DpiaCompleted', 'joint-area-based', clock_timestamp() + make_interval(mins => {minutesFromNow}))"));
}
