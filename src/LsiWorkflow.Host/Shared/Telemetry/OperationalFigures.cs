using System.Diagnostics.Metrics;
using LsiWorkflow.Host.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Shared.Telemetry;

/// <summary>
/// Figures about the work waiting in the database — open and overdue tasks, the outbox's backlog and the age of its
/// oldest message, how late reminders went out, instances stopped by an incident — as gauges. One query reads them
/// all, at most every <see cref="TelemetryOptions.FiguresInterval"/>, in the background: a scrape never waits for
/// the database, and a database that is down leaves the last figures (and a log line), not a failed scrape.
/// </summary>
public sealed class OperationalFigures : BackgroundService
{
    public const string MeterName = "LsiWorkflow.Host";

    private readonly IDbContextFactory<LsiDbContext> contexts;
    private readonly TimeProvider time;
    private readonly TimeSpan interval;
    private readonly ILogger<OperationalFigures> log;
    private volatile Snapshot current = new();

    public OperationalFigures(IDbContextFactory<LsiDbContext> contexts, TimeProvider time, IMeterFactory meters, TelemetryOptions options, ILogger<OperationalFigures> log)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(options);
        this.contexts = contexts;
        this.time = time;
        this.log = log;
        interval = options.FiguresInterval;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("lsi.tasks.open", () => current.OpenTasks, "{task}", "Tasks waiting for a decision.");
        meter.CreateObservableGauge("lsi.tasks.overdue", () => current.OverdueTasks, "{task}", "Open tasks past their due moment.");
        meter.CreateObservableGauge("lsi.outbox.backlog", () => current.OutboxBacklog, "{message}", "Outbox messages not yet carried out (mails, notices, child starts).");
        meter.CreateObservableGauge("lsi.outbox.oldest_age", () => current.OldestOutboxSeconds, "s", "Age of the oldest outbox message not yet carried out; 0 when there is none.");
        meter.CreateObservableGauge("lsi.reminder.lag", () => current.ReminderLagSeconds, "s",
            "Longest time, over the last hour, from a reminder's due moment to its delivery.");
        meter.CreateObservableGauge("lsi.instances.faulted", () => current.FaultedInstances, "{instance}", "Instances stopped by an open incident.");
    }

    /// <summary>The figures as last read.</summary>
    public Snapshot Current => current;

    /// <summary>Reads the figures now (also what the background loop does each interval).</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var hourAgo = now.AddHours(-1);
        await using var db = await contexts.CreateDbContextAsync(ct);
        current = await db.Database.SqlQuery<Snapshot>($"""
            select
              (select count(*) from lsi.workflow_tasks where status = 'Open')::bigint as open_tasks,
              (select count(*) from lsi.workflow_tasks where status = 'Open' and due_at < {now})::bigint as overdue_tasks,
              (select count(*) from lsi.workflow_outbox where dispatched_at is null)::bigint as outbox_backlog,
              coalesce((select extract(epoch from {now} - min(created_at)) from lsi.workflow_outbox where dispatched_at is null), 0)::float8
                as oldest_outbox_seconds,
              coalesce((select max(extract(epoch from o.dispatched_at - t.due_at)) from lsi.workflow_outbox o
                        join lsi.workflow_timers t on t.id = o.id
                        where o.dispatched_at >= {hourAgo}), 0)::float8 as reminder_lag_seconds,
              (select count(*) from lsi.workflow_instances where status = 'Faulted')::bigint as faulted_instances
            """).SingleAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "The operational figures could not be read; the last ones stay");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One reading of the figures.</summary>
    public sealed record Snapshot
    {
        public long OpenTasks { get; init; }
        public long OverdueTasks { get; init; }
        public long OutboxBacklog { get; init; }
        public double OldestOutboxSeconds { get; init; }
        public double ReminderLagSeconds { get; init; }
        public long FaultedInstances { get; init; }
    }
}
