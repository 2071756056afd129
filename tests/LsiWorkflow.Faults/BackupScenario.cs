using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Npgsql;

namespace LsiWorkflow.Faults;

/// <summary>
/// A backup taken while workflows run (infra/backup/backup.sh), restored into a new database
/// (infra/backup/restore.sh), a host started on it. Checked: every decision and start the API confirmed
/// before the backup began is in the restored database and nothing begun after it ended; the instances go on
/// there: timers that fell due while no host ran fire, timers due later fire at their time, reminders sent
/// before the backup are not sent again, and every instance finishes once the partners decide. With
/// <c>--pitr 1</c> also point-in-time recovery (infra/backup/pitr-restore.sh) to a moment between two known
/// decisions: the first is there, the second is not, and a host on the recovered cluster takes the second.
/// The script (infra/faults/backup-restore.sh) runs all of this on a throw-away cluster with WAL archiving.
/// </summary>
public sealed class BackupScenario(FaultSettings settings)
{
    private const string DefinitionId = "storingsproef-backup";
    private const string RestoredDatabase = "lsi_faults_backup_restored";
    private const string ReferenceDatabase = "lsi_faults_backup_dump";

    /// <summary>A task open this long past its due date is one the run never waits for (decided at once).</summary>
    private const string FarDue = "PT1H";

    /// <summary>The due date of the timed instances' tasks; the reminder is 10 seconds before it.</summary>
    private const string DueIn = "PT12S";

    /// <summary>The sweep runs every minute; a timer later than this was not picked up again after the restore.</summary>
    private static readonly TimeSpan LatenessBound = TimeSpan.FromSeconds(75);

    /// <summary>Driver clock against the database's clock (one machine): a decision this close to a boundary counts as neither side.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(500);

    private static readonly string[] Organisations = ["UWV", "SVB"];

    /// <summary>A partner's decision in the journal; the line that opened the tasks names whoever ran that burst.</summary>
    private const string DecisionLine = "j.activity_id = 'approve' and j.actor like 'partner.%'";

    /// <summary>
    /// A delay (from the start's input), then one approval task for UWV and one for SVB, due after a time from
    /// the input with a reminder 10 seconds before, then a notification to the secretariat.
    /// </summary>
    private const string Definition = """
        {
          "schemaVersion": 1, "id": "storingsproef-backup", "name": "Storingsproef: back-up en herstel", "version": 1, "variables": [],
          "activities": [
            { "id": "start", "type": "Start", "properties": { "inputs": [
                { "name": "wait", "type": "string", "required": true }, { "name": "due", "type": "string", "required": true } ] } },
            { "id": "wait", "type": "Delay", "properties": { "duration": { "expr": "input.wait" } } },
            { "id": "approve", "type": "HumanTask", "properties": {
                "title": "Akkoord na herstel", "assignee": { "organisations": ["UWV", "SVB"] }, "completion": "all",
                "outcomes": ["Akkoord", "Niet akkoord"], "dueIn": { "expr": "input.due" }, "reminders": ["PT10S"] } },
            { "id": "note", "type": "SendNotification", "properties": { "users": ["secretaris"], "subject": "Beide partners hebben besloten", "body": "UWV en SVB hebben besloten." } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "target": "wait" },
            { "source": "wait", "target": "approve" },
            { "source": "approve", "outcome": "Akkoord", "target": "note" },
            { "source": "approve", "outcome": "Niet akkoord", "target": "note" },
            { "source": "note", "target": "end" }
          ]
        }
        """;

    private sealed record Decision(Guid TaskId, Guid InstanceId, string User, DateTime Began, DateTime Confirmed);

    private sealed record Started(Guid InstanceId, DateTime Began, DateTime Confirmed);

    private sealed record TimerRow(Guid Id, Guid Instance, bool Deadline, DateTime DueAt, string Status, DateTime? FiredAt);

    private sealed record OutboxRow(Guid Id, string Kind, Guid MailId, bool Dispatched);

    private readonly ConcurrentBag<Decision> decisions = [];
    private readonly ConcurrentBag<Decision> decisionsAfterRestore = [];
    private readonly ConcurrentBag<Started> starts = [];
    private readonly ConcurrentBag<string> errors = [];
    private readonly ConcurrentBag<Task> earlyDecisions = [];

    public async Task<Figures> RunAsync()
    {
        var timed = settings.Int("workflows", 40);
        var clients = settings.Int("clients", 4);
        var load = TimeSpan.FromSeconds(settings.Int("load", 20));
        var after = TimeSpan.FromSeconds(settings.Int("after", 5));
        var span = TimeSpan.FromSeconds(settings.Int("span", 100));
        var pitr = settings.Int("pitr", 1) == 1;
        var pitrHost = settings.Int("pitr-host", 1) == 1;
        if (span < TimeSpan.FromSeconds(40) || load < TimeSpan.FromSeconds(10))
        {
            throw new ArgumentException("--span must be at least 40 and --load at least 10 seconds: the timers need room before and after the backup.");
        }
        var scripts = Environment.GetEnvironmentVariable("FAULTS_BACKUP_SCRIPTS") ?? throw new InvalidOperationException("Set FAULTS_BACKUP_SCRIPTS");
        var figures = new Figures();
        var clock = Stopwatch.StartNew();

        // 1. One host on the source database, workflows running.
        await using var source = new HostProcess("source", settings, settings.BasePort);
        await source.StartAsync(TimeSpan.FromMinutes(5));
        using var api = new LsiApi([source.BaseAddress], settings.Password);
        await FaultDefinitions.PublishAsync(api, Definition);
        foreach (var user in new[] { ProjectApprovalDriver.Secretary, UserOf("UWV"), UserOf("SVB") })
        {
            await api.GetAsync(user, "/api/tasks");
        }
        var sourceDb = new Database(settings.ConnectionString);

        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        if (pitr)
        {
            await StartAsync(api, first, "PT0S", FarDue);
            await StartAsync(api, second, "PT0S", FarDue);
        }

        var t0 = DateTime.UtcNow;
        var plannedBackup = t0 + load;
        using var stopLoad = new CancellationTokenSource();
        var steady = Enumerable.Range(0, clients).Select(_ => Task.Run(() => SteadyAsync(api, stopLoad.Token))).ToList();
        var timedStarts = Enumerable.Range(0, timed).Select(k => Task.Run(() => TimedAsync(api, k, timed, t0, load, span, plannedBackup))).ToList();
        var recoveryTarget = pitr ? Task.Run(() => PitrMarksAsync(api, sourceDb, first, second, t0 + (load / 2))) : Task.FromResult(DateTime.MinValue);

        // 2. The backup, while the clients go on.
        await Task.WhenAll(timedStarts);
        await DelayUntil(plannedBackup);
        var backupBegan = DateTime.UtcNow;
        var backup = await RunScriptAsync("backup", Path.Combine(scripts, "backup.sh"),
            ["--dir", Path.Combine(settings.WorkFolder, "backups"), "--connection", settings.ConnectionString]);
        var backupEnded = DateTime.UtcNow;
        await Task.Delay(after);
        await stopLoad.CancelAsync();
        await Task.WhenAll(steady);
        await Task.WhenAll(earlyDecisions);
        var target = await recoveryTarget;
        figures.Add("workflows", timed);
        figures.Add("steady_instances", starts.Count - timed - (pitr ? 2 : 0));
        figures.Add("decisions", decisions.Count);
        figures.Seconds("backup_s", backupEnded - backupBegan);
        if (backup.Exit != 0 || !File.Exists(backup.Last))
        {
            figures.Problem($"backup.sh ended with {backup.Exit}; see {backup.Log}");
            return figures;
        }
        figures.Add("dump_kb", new FileInfo(backup.Last).Length / 1024);

        // 3. The source host is lost; the backup is restored into a new database.
        await source.KillAsync();
        var restoreClock = Stopwatch.StartNew();
        var restore = await RunScriptAsync("restore", Path.Combine(scripts, "restore.sh"),
            [backup.Last, "--database", RestoredDatabase, "--connection", settings.ConnectionString, "--host-dll", settings.HostDll]);
        figures.Seconds("restore_s", restoreClock.Elapsed);
        if (restore.Exit != 0)
        {
            figures.Problem($"restore.sh ended with {restore.Exit}; see {restore.Log}");
            return figures;
        }
        // Restoring again over it must be refused, and change nothing.
        var again = await RunScriptAsync("restore-again", Path.Combine(scripts, "restore.sh"),
            [backup.Last, "--database", RestoredDatabase, "--connection", settings.ConnectionString, "--no-migrate"]);
        figures.Add("refused_overwrite", again.Exit == 4);
        if (again.Exit != 4)
        {
            figures.Problem($"restoring over the restored database ended with {again.Exit}, not 4 (refused); see {again.Log}");
        }

        var restoredConnection = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Database = RestoredDatabase }.ConnectionString;
        var restoredDb = new Database(restoredConnection);
        // What the dump holds, restored as it is, is what the restored database is judged against: restore.sh
        // may clear the old hosts' traces and nothing else.
        var referenceDb = await PlainRestoreAsync(backup.Last);
        await CompareAsync(referenceDb, restoredDb, figures);
        var snapshot = await SnapshotAsync(referenceDb);
        await CheckRestoredAsync(restoredDb, snapshot, backupBegan, backupEnded, figures);

        // 4. A host on the restored database: the instances go on.
        var restoredSettings = Derived(restoredConnection, "mail-restored");
        await using var restored = new HostProcess("restored", restoredSettings, settings.BasePort + 1);
        var hostClock = Stopwatch.StartNew();
        await restored.StartAsync(TimeSpan.FromMinutes(5));
        var ready = DateTime.UtcNow;
        figures.Seconds("host_start_s", hostClock.Elapsed);
        using var restoredApi = new LsiApi([restored.BaseAddress], settings.Password);
        var horizon = plannedBackup + span + TimeSpan.FromMinutes(1);
        var goOn = GoOnAsync(restoredApi, restoredDb, snapshot.Unfinished, horizon);
        var recovery = pitr
            ? PointInTimeAsync(scripts, target, first, second, pitrHost)
            : Task.FromResult(new Figures());
        await Task.WhenAll(goOn, recovery);
        await restoredDb.WaitForZeroAsync("select count(*) from lsi.workflow_outbox where dispatched_at is null", TimeSpan.FromMinutes(2));

        await CheckGoneOnAsync(restoredDb, snapshot, ready, restoredSettings.HostEnvironment["Mail__PickupFolder"], figures);
        if (pitr)
        {
            var pitrFigures = await recovery;
            foreach (var line in pitrFigures.Line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var (key, value) = (line[..line.IndexOf('=', StringComparison.Ordinal)], line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                figures.Add(key, value);
            }
            foreach (var problem in pitrFigures.Problems)
            {
                figures.Problem(problem);
            }
        }
        figures.MustBeZero("errors", errors.Count, errors);
        figures.Add("restored_alive", restored.IsRunning);
        figures.Seconds("total_s", clock.Elapsed);
        return figures;
    }

    // ---- load ---------------------------------------------------------------------------------------------

    /// <summary>A client that starts an instance whose tasks open at once and decides both, again and again.</summary>
    private async Task SteadyAsync(LsiApi api, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var id = Guid.NewGuid();
            try
            {
                await StartAsync(api, id, "PT0S", FarDue);
                foreach (var task in await OpenTasksAsync(api, id))
                {
                    if (stop.IsCancellationRequested)
                    {
                        break; // half decided: the other partner decides after the restore
                    }
                    await DecideAsync(api, task.Id, id, task.Organisation!, decisions);
                }
            }
            catch (StepFailedException failed)
            {
                errors.Add($"{id}: {failed.Message}");
            }
        }
    }

    /// <summary>
    /// Instance k of n starts k/n into the load. The even ones wait a second, so their tasks open during the
    /// load and, with a due date 12 seconds away and a reminder 10 seconds before it, their reminders and due
    /// notices go out before the backup or fall due right after it; UWV decides each at once, SVB after the
    /// restore. The odd ones wait until a moment spread over the time after the backup, so their timers fall
    /// due while no host runs or after the restored host is up.
    /// </summary>
    private async Task TimedAsync(LsiApi api, int k, int n, DateTime t0, TimeSpan load, TimeSpan span, DateTime backup)
    {
        await DelayUntil(t0 + (load * k / n));
        var wait = 1;
        if (k % 2 == 1)
        {
            var delayEnds = backup + TimeSpan.FromSeconds(1) + ((span - TimeSpan.FromSeconds(16)) * (k / 2) / Math.Max(1, n / 2));
            wait = Math.Max(1, (int)Math.Round((delayEnds - DateTime.UtcNow).TotalSeconds));
        }
        var id = Guid.NewGuid();
        try
        {
            await StartAsync(api, id, $"PT{wait}S", DueIn);
        }
        catch (StepFailedException failed)
        {
            errors.Add($"{id}: {failed.Message}");
            return;
        }
        if (k % 2 == 0 && DateTime.UtcNow.AddSeconds(wait) < backup - TimeSpan.FromSeconds(2))
        {
            earlyDecisions.Add(Task.Run(async () =>
            {
                try
                {
                    var tasks = await OpenTasksAsync(api, id, TimeSpan.FromSeconds(wait + 30));
                    if (DateTime.UtcNow < backup - TimeSpan.FromSeconds(1))
                    {
                        var uwv = tasks.Single(t => t.Organisation == "UWV");
                        await DecideAsync(api, uwv.Id, id, "UWV", decisions);
                    }
                }
                catch (StepFailedException failed)
                {
                    errors.Add($"{id}: {failed.Message}");
                }
            }));
        }
    }

    /// <summary>The first marked instance is decided, a second later the moment is taken, a second later the second is decided.</summary>
    private async Task<DateTime> PitrMarksAsync(LsiApi api, Database db, Guid first, Guid second, DateTime at)
    {
        await DelayUntil(at);
        foreach (var task in await OpenTasksAsync(api, first))
        {
            await DecideAsync(api, task.Id, first, task.Organisation!, decisions);
        }
        await Task.Delay(TimeSpan.FromSeconds(1));
        var target = (await db.QueryAsync("select clock_timestamp()", r => r.GetFieldValue<DateTimeOffset>(0))).Single().UtcDateTime;
        await Task.Delay(TimeSpan.FromSeconds(1));
        foreach (var task in await OpenTasksAsync(api, second))
        {
            await DecideAsync(api, task.Id, second, task.Organisation!, decisions);
        }
        return target;
    }

    private async Task StartAsync(LsiApi api, Guid id, string wait, string due)
    {
        var began = DateTime.UtcNow;
        var reply = await api.PostAsync(ProjectApprovalDriver.Secretary, $"/api/instances/{DefinitionId}", new { instanceId = id, input = new { wait, due } });
        if (!reply.Ok)
        {
            throw new StepFailedException($"start: {(int)reply.Status} {reply.Text}");
        }
        starts.Add(new Started(id, began, DateTime.UtcNow));
    }

    private static async Task DecideAsync(LsiApi api, Guid taskId, Guid instanceId, string organisation, ConcurrentBag<Decision> into)
    {
        var began = DateTime.UtcNow;
        var reply = await api.PostAsync(UserOf(organisation), $"/api/tasks/{taskId}/complete", new { outcome = "Akkoord" });
        // A 409 after a lost answer is the first attempt's success.
        if (reply.Ok || (reply.Status == HttpStatusCode.Conflict && reply.Uncertain))
        {
            into.Add(new Decision(taskId, instanceId, UserOf(organisation), began, DateTime.UtcNow));
            return;
        }
        throw new StepFailedException($"complete {taskId}: {(int)reply.Status} {reply.Text}");
    }

    private static async Task<List<(Guid Id, string Activity, string? Organisation, string Status)>> OpenTasksAsync(LsiApi api, Guid instanceId, TimeSpan? patience = null)
    {
        var until = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var tasks = await FaultDefinitions.TasksAsync(api, instanceId);
            if (tasks.Count(t => t.Status == "Open") == Organisations.Length)
            {
                return tasks;
            }
            if (DateTime.UtcNow > until)
            {
                throw new StepFailedException($"{tasks.Count(t => t.Status == "Open")} open task(s), expected {Organisations.Length}");
            }
            await Task.Delay(300);
        }
    }

    private static string UserOf(string organisation) => $"partner.{organisation.ToLowerInvariant()}";

    private static async Task DelayUntil(DateTime moment)
    {
        var left = moment - DateTime.UtcNow;
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left);
        }
    }

    // ---- the restored database ------------------------------------------------------------------------------

    /// <summary>The backup's content: the dump restored as it is, before any host touched it.</summary>
    private sealed record Snapshot(
        HashSet<Guid> Instances,
        List<Guid> Unfinished,
        Dictionary<Guid, (string Status, string? CompletedBy)> Tasks,
        Dictionary<Guid, TimerRow> Timers,
        Dictionary<Guid, OutboxRow> Outbox,
        Dictionary<Guid, long> InApp);

    private static async Task<Snapshot> SnapshotAsync(Database db)
    {
        var instances = await db.QueryAsync($"select id, status from lsi.workflow_instances where definition_id = '{DefinitionId}'",
            r => (Id: r.GetGuid(0), Status: r.GetString(1)));
        var ids = instances.Select(i => i.Id).ToArray();
        var tasks = await db.QueryAsync("select id, status, completed_by from lsi.workflow_tasks where instance_id = any($1)",
            r => (Id: r.GetGuid(0), Status: r.GetString(1), CompletedBy: r.IsDBNull(2) ? null : r.GetString(2)), ids);
        var outbox = await OutboxAsync(db, ids);
        var inApp = await db.QueryAsync("select message_id, count(*) from lsi.inbox_notifications where message_id = any($1) group by 1",
            r => (Message: r.GetGuid(0), Count: r.GetInt64(1)), outbox.Values.Select(o => o.MailId).ToArray());
        return new Snapshot(
            [.. ids],
            [.. instances.Where(i => i.Status != "Finished").Select(i => i.Id)],
            tasks.ToDictionary(t => t.Id, t => (t.Status, t.CompletedBy)),
            (await TimersAsync(db, ids)).ToDictionary(t => t.Id),
            outbox,
            inApp.ToDictionary(n => n.Message, n => n.Count));
    }

    private static Task<List<TimerRow>> TimersAsync(Database db, Guid[] instances) => db.QueryAsync(
        """
        select tm.id, coalesce(tm.instance_id, t.instance_id), tm.task_id is not null, tm.due_at, tm.status, tm.fired_at
        from lsi.workflow_timers tm left join lsi.workflow_tasks t on t.id = tm.task_id
        where tm.instance_id = any($1) or t.instance_id = any($1)
        """,
        r => new TimerRow(r.GetGuid(0), r.GetGuid(1), r.GetBoolean(2), r.GetFieldValue<DateTimeOffset>(3).UtcDateTime, r.GetString(4),
            r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5).UtcDateTime),
        instances);

    /// <summary>Outbox messages and the id their mail carries: a deadline's is the timer's, a workflow notification's is in its payload.</summary>
    private static async Task<Dictionary<Guid, OutboxRow>> OutboxAsync(Database db, Guid[] instances) =>
        (await db.QueryAsync(
            """
            select id, kind, case when kind = 'notification' then (payload->>'messageId')::uuid else id end, dispatched_at is not null
            from lsi.workflow_outbox where instance_id = any($1)
            """,
            r => new OutboxRow(r.GetGuid(0), r.GetString(1), r.GetGuid(2), r.GetBoolean(3)), instances)).ToDictionary(o => o.Id);

    /// <summary>The dump restored with nothing done to it, into a database of its own.</summary>
    private async Task<Database> PlainRestoreAsync(string dump)
    {
        var reference = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Database = ReferenceDatabase };
        await Database.RecreateAsync(reference.ConnectionString);
        var bin = Environment.GetEnvironmentVariable("PG_BIN");
        var info = new ProcessStartInfo(bin is null ? "pg_restore" : Path.Combine(bin, "pg_restore")) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in new[] { "--no-owner", "--exit-on-error", "--single-transaction", $"--dbname={reference.Database}", dump })
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["PGHOST"] = reference.Host;
        info.Environment["PGPORT"] = reference.Port.ToString(CultureInfo.InvariantCulture);
        info.Environment["PGUSER"] = reference.Username;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not run pg_restore");
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_restore of {dump} for reference failed: {error}");
        }
        return new Database(reference.ConnectionString);
    }

    /// <summary>Every table of the product holds the same rows in both, but for the wake-ups after-restore.sql clears.</summary>
    private static async Task CompareAsync(Database reference, Database restored, Figures figures)
    {
        const string Tables = "select table_name from information_schema.tables where table_schema = 'lsi' and table_type = 'BASE TABLE' and table_name <> 'workflow_timer_wakeups' order by 1";
        var tables = await reference.QueryAsync(Tables, r => r.GetString(0));
        var differ = new List<string>();
        foreach (var table in tables)
        {
            var sql = $"select count(*) || ' ' || coalesce(md5(string_agg(row, '|' order by row)), '') from (select t::text as row from lsi.\"{table}\" t) rows";
            var (then, now) = ((await reference.QueryAsync(sql, r => r.GetString(0))).Single(), (await restored.QueryAsync(sql, r => r.GetString(0))).Single());
            if (then != now)
            {
                differ.Add($"lsi.{table}: {then.Split(' ')[0]} rows in the dump, {now.Split(' ')[0]} restored{(then.Split(' ')[0] == now.Split(' ')[0] ? ", not the same" : "")}");
            }
        }
        figures.Add("tables_compared", tables.Count);
        figures.MustBeZero("altered", differ.Count, differ);
    }

    /// <summary>What the backup holds: all confirmed before it began, nothing begun after it ended, nothing torn, nothing of the old hosts.</summary>
    private async Task CheckRestoredAsync(Database db, Snapshot snapshot, DateTime backupBegan, DateTime backupEnded, Figures figures)
    {
        var leftovers = await db.QueryAsync(
            """
            select 'hangfire.server', count(*) from hangfire.server union all
            select 'hangfire.lock', count(*) from hangfire.lock union all
            select 'hangfire.jobqueue fetched', count(*) from hangfire.jobqueue where fetchedat is not null union all
            select 'lsi.workflow_timer_wakeups', count(*) from lsi.workflow_timer_wakeups
            """,
            r => (Table: r.GetString(0), Count: r.GetInt64(1)));
        figures.MustBeZero("leftovers", leftovers.Sum(l => l.Count), leftovers.Where(l => l.Count > 0).Select(l => $"{l.Table}: {l.Count}"));

        var all = decisions.ToList();
        var before = all.Where(d => d.Confirmed < backupBegan).ToList();
        var afterwards = all.Where(d => d.Began > backupEnded).ToList();
        var between = all.Except(before).Except(afterwards).ToList();
        bool InDump(Decision d) => snapshot.Tasks.TryGetValue(d.TaskId, out var t) && t.Status == "Completed" && t.CompletedBy == d.User;
        var lost = before.Where(d => !InDump(d)).Select(d => $"decision on {d.TaskId} by {d.User} confirmed {d.Confirmed:HH:mm:ss.fff} missing").ToList();
        var startsLost = starts.Where(s => s.Confirmed < backupBegan && !snapshot.Instances.Contains(s.InstanceId)).Select(s => $"instance {s.InstanceId} missing").ToList();
        var late = afterwards.Where(InDump).Select(d => $"decision on {d.TaskId} begun {d.Began:HH:mm:ss.fff}, after the backup, is in it").ToList();
        late.AddRange(starts.Where(s => s.Began > backupEnded && snapshot.Instances.Contains(s.InstanceId)).Select(s => $"instance {s.InstanceId} started after the backup is in it"));
        figures.Add("before_backup", before.Count);
        figures.MustBeZero("lost", lost.Count + startsLost.Count, [.. lost, .. startsLost]);
        figures.Add("after_backup", afterwards.Count);
        figures.MustBeZero("in_dump_after", late.Count, late);
        figures.Add("during_in", between.Count(InDump));
        figures.Add("during_out", between.Count(d => !InDump(d)));

        // One snapshot: a task is closed exactly when its decision is in the journal, and an instance finished only with both.
        var torn = await db.RepeatsAsync(
            $"""
            select i.id, i.status, (select count(*) from lsi.workflow_tasks t where t.instance_id = i.id and t.status = 'Completed'),
                   (select count(*) from lsi.workflow_journal j where j.instance_id = i.id and {DecisionLine})
            from lsi.workflow_instances i where i.definition_id = '{DefinitionId}'
            and ((select count(*) from lsi.workflow_tasks t where t.instance_id = i.id and t.status = 'Completed')
                 <> (select count(*) from lsi.workflow_journal j where j.instance_id = i.id and {DecisionLine})
              or (i.status = 'Finished') <> ((select count(*) from lsi.workflow_tasks t where t.instance_id = i.id and t.status = 'Completed') = 2))
            """);
        figures.MustBeZero("torn", torn.Count, torn);
    }

    /// <summary>
    /// The partners decide every open task on the restored host, each instance once the timers of its tasks that
    /// fall due before <paramref name="horizon"/> have fired (a decided task is reminded of nothing).
    /// </summary>
    private async Task GoOnAsync(LsiApi api, Database db, List<Guid> unfinished, DateTime horizon)
    {
        var waiting = new HashSet<Guid>(unfinished);
        var deadline = horizon + LatenessBound;
        while (waiting.Count > 0 && DateTime.UtcNow < deadline)
        {
            var ready = await db.QueryAsync(
                """
                select t.id, t.instance_id, t.organisation from lsi.workflow_tasks t
                where t.instance_id = any($1) and t.status = 'Open'
                  and not exists (select 1 from lsi.workflow_timers d where d.instance_id = t.instance_id and d.status = 'Pending')
                  and not exists (select 1 from lsi.workflow_timers d join lsi.workflow_tasks o on o.id = d.task_id
                                  where o.instance_id = t.instance_id and d.status = 'Pending' and d.due_at < $2)
                """,
                r => (Task: r.GetGuid(0), Instance: r.GetGuid(1), Organisation: r.GetString(2)), waiting.ToArray(), horizon);
            await Parallel.ForEachAsync(ready, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (task, _) =>
            {
                try
                {
                    await DecideAsync(api, task.Task, task.Instance, task.Organisation, decisionsAfterRestore);
                }
                catch (StepFailedException failed)
                {
                    errors.Add($"after the restore, {task.Instance}: {failed.Message}");
                }
            });
            var finished = await db.QueryAsync("select id from lsi.workflow_instances where id = any($1) and status = 'Finished'", r => r.GetGuid(0), waiting.ToArray());
            waiting.ExceptWith(finished);
            await Task.Delay(1000);
        }
        if (waiting.Count > 0)
        {
            errors.Add($"{waiting.Count} instance(s) not finished on the restored host by {deadline:HH:mm:ss}, e.g. {waiting.First()}");
        }
    }

    /// <summary>Timers, reminders and decisions on the restored host, against the snapshot taken before it started.</summary>
    private async Task CheckGoneOnAsync(Database db, Snapshot snapshot, DateTime ready, string mailFolder, Figures figures)
    {
        var checkedAt = DateTime.UtcNow;
        var ids = snapshot.Instances.ToArray();
        var timers = (await TimersAsync(db, ids)).ToDictionary(t => t.Id);

        // Pending in the backup: fired if due by now (late by at most the sweep's minute), never early.
        var pending = snapshot.Timers.Values.Where(t => t.Status == "Pending").ToList();
        var fellDue = pending.Where(t => t.DueAt <= ready).ToList();
        var dueLater = pending.Where(t => t.DueAt > ready && t.DueAt <= checkedAt).ToList();
        var notYet = pending.Where(t => t.DueAt > checkedAt).ToList();
        var notFired = fellDue.Concat(dueLater).Where(t => !timers.TryGetValue(t.Id, out var now) || now.Status != "Fired")
            .Select(t => $"timer {t.Id} due {t.DueAt:HH:mm:ss} is {(timers.TryGetValue(t.Id, out var now) ? now.Status : "gone")}").ToList();
        var early = notYet.Where(t => timers.TryGetValue(t.Id, out var now) && now.Status == "Fired").Select(t => $"timer {t.Id} due {t.DueAt:HH:mm:ss} fired early").ToList();
        var fellDueLateness = fellDue.Select(t => timers.GetValueOrDefault(t.Id)?.FiredAt is { } at ? at - ready : TimeSpan.Zero).DefaultIfEmpty().Max();
        var dueLaterLateness = dueLater.Select(t => timers.GetValueOrDefault(t.Id)?.FiredAt is { } at ? at - t.DueAt : TimeSpan.Zero).DefaultIfEmpty().Max();
        // Timers made on the restored host (tasks that opened after it) fire too.
        var made = timers.Values.Where(t => !snapshot.Timers.ContainsKey(t.Id) && t.DueAt <= checkedAt).ToList();
        var madeNotFired = made.Where(t => t.Status != "Fired").Select(t => $"new timer {t.Id} due {t.DueAt:HH:mm:ss} is {t.Status}").ToList();
        var madeLateness = made.Select(t => t.FiredAt is { } at ? at - t.DueAt : TimeSpan.Zero).DefaultIfEmpty().Max();
        // Fired or cancelled in the backup: untouched.
        var refired = snapshot.Timers.Values.Where(t => t.Status != "Pending")
            .Where(t => !timers.TryGetValue(t.Id, out var now) || now.Status != t.Status || now.FiredAt != t.FiredAt)
            .Select(t => $"timer {t.Id} was {t.Status} at {t.FiredAt:HH:mm:ss.fff} in the backup").ToList();
        figures.Add("fell_due", fellDue.Count);
        figures.Seconds("fell_due_max_s", fellDueLateness);
        figures.Add("due_later", dueLater.Count);
        figures.Seconds("due_later_max_late_s", dueLaterLateness);
        figures.Add("new_timers", made.Count);
        figures.MustBeZero("not_fired", notFired.Count + madeNotFired.Count + early.Count, [.. notFired, .. madeNotFired, .. early]);
        figures.MustBeZero("refired", refired.Count, refired);
        if (fellDue.Count == 0 || dueLater.Count == 0)
        {
            figures.Problem($"nothing to judge: {fellDue.Count} timer(s) fell due while no host ran, {dueLater.Count} came due after the restored host was up (a longer --span?)");
        }
        foreach (var (what, lateness) in new[] { ("fell due while no host ran", fellDueLateness), ("came due later", dueLaterLateness), ("made after the restore", madeLateness) })
        {
            if (lateness > LatenessBound)
            {
                figures.Problem($"a timer that {what} fired {lateness.TotalSeconds:0} s late (more than {LatenessBound.TotalSeconds:0} s)");
            }
        }

        // Reminders: what the backup says was sent is not sent again; everything else is sent once, mail and in-app.
        var outbox = await OutboxAsync(db, ids);
        var mails = MailsIn(mailFolder);
        var sourceMails = MailsIn(settings.MailFolder);
        var sentBefore = snapshot.Outbox.Values.Where(o => o.Dispatched).ToList();
        var resent = sentBefore.Where(o => mails.Contains(o.MailId)).Select(o => $"{o.Kind} {o.MailId} mailed again").ToList();
        var inApp = await db.QueryAsync("select message_id, count(*) from lsi.inbox_notifications where message_id = any($1) group by 1",
            r => (Message: r.GetGuid(0), Count: r.GetInt64(1)), outbox.Values.Select(o => o.MailId).ToArray());
        resent.AddRange(inApp.Where(n => snapshot.Outbox.Values.Any(o => o.Dispatched && o.MailId == n.Message) && snapshot.InApp.GetValueOrDefault(n.Message) != n.Count)
            .Select(n => $"{n.Message} in-app {snapshot.InApp.GetValueOrDefault(n.Message)} -> {n.Count}"));
        var sentAfter = outbox.Values.Where(o => !(snapshot.Outbox.TryGetValue(o.Id, out var then) && then.Dispatched)).ToList();
        var unsent = sentAfter.Where(o => !o.Dispatched).Select(o => $"{o.Kind} {o.Id} never dispatched").ToList();
        unsent.AddRange(sentAfter.Where(o => o.Dispatched && !mails.Contains(o.MailId)).Select(o => $"{o.Kind} {o.MailId} dispatched without a mail"));
        unsent.AddRange(sentAfter.Where(o => o.Dispatched && !inApp.Any(n => n.Message == o.MailId)).Select(o => $"{o.Kind} {o.MailId} in nobody's list"));
        // A deadline that fired on an open task leaves a message; one per timer by its key.
        var withoutMessage = await db.RepeatsAsync(
            """
            select tm.id from lsi.workflow_timers tm join lsi.workflow_tasks t on t.id = tm.task_id
            where t.instance_id = any($1) and tm.status = 'Fired' and (t.closed_at is null or t.closed_at > tm.fired_at)
              and not exists (select 1 from lsi.workflow_outbox o where o.id = tm.id)
            """,
            ids);
        unsent.AddRange(withoutMessage.Select(t => $"deadline {t} fired without a message"));
        // The backup's "sent" must match mails the lost host wrote, or the check above compares nothing.
        var unmatched = sentBefore.Where(o => !sourceMails.Contains(o.MailId)).Select(o => $"{o.Kind} {o.MailId} sent before the backup, no mail of it").ToList();
        figures.Add("sent_before_backup", sentBefore.Count);
        figures.Add("reminders_before_backup", sentBefore.Count(o => o.Kind != "notification"));
        figures.MustBeZero("sent_before_unmatched", unmatched.Count, unmatched);
        if (!sentBefore.Any(o => o.Kind != "notification"))
        {
            figures.Problem("nothing to judge: no reminder or due notice was sent before the backup (a longer --load?)");
        }
        figures.MustBeZero("resent", resent.Count, resent);
        figures.Add("sent_after_restore", sentAfter.Count(o => o.Dispatched));
        // Sent by the lost host after the backup, so sent again by the restored one: what a restore cannot know.
        figures.Add("redone_after_backup", sentAfter.Count(o => sourceMails.Contains(o.MailId)));
        figures.MustBeZero("unsent", unsent.Count, unsent);

        // The instances went on: every task decided once, every instance finished with one closing notice.
        var duplicates = await db.RepeatsAsync(
            $"select j.instance_id, j.actor, count(*) from lsi.workflow_journal j where j.instance_id = any($1) and {DecisionLine} group by 1, 2 having count(*) > 1",
            ids);
        duplicates.AddRange(await db.RepeatsAsync(
            "select instance_id, count(*) from lsi.workflow_outbox where instance_id = any($1) and kind = 'notification' group by 1 having count(*) > 1", ids));
        var unfinished = await db.QueryAsync("select id::text || ' ' || status from lsi.workflow_instances where id = any($1) and status <> 'Finished'", r => r.GetString(0), ids);
        figures.Add("decided_after_restore", decisionsAfterRestore.Count);
        figures.Add("instances", ids.Length);
        figures.MustBeZero("unfinished", unfinished.Count, unfinished);
        figures.MustBeZero("duplicates", duplicates.Count, duplicates);
    }

    // ---- point in time --------------------------------------------------------------------------------------

    /// <summary>
    /// The archive gets the last WAL; the cluster is recovered to the moment between the two marked decisions
    /// into a new data directory; the first is there, the second not, every decision confirmed before the
    /// moment is there and none begun after it; a host on the recovered cluster takes the second decision.
    /// </summary>
    private async Task<Figures> PointInTimeAsync(string scripts, DateTime target, Guid first, Guid second, bool withHost)
    {
        var figures = new Figures();
        var admin = Environment.GetEnvironmentVariable("FAULTS_PG_ADMIN") ?? throw new InvalidOperationException("Set FAULTS_PG_ADMIN");
        var archive = Environment.GetEnvironmentVariable("FAULTS_PITR_ARCHIVE") ?? throw new InvalidOperationException("Set FAULTS_PITR_ARCHIVE");
        var port = int.Parse(Environment.GetEnvironmentVariable("FAULTS_PITR_PORT") ?? "55496", CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();

        // Every change so far must be in the archive: close the current WAL segment and wait until it is copied.
        string segment;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select pg_walfile_name(pg_switch_wal())", connection);
            segment = (string)(await command.ExecuteScalarAsync())!;
        }
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(Path.Combine(archive, segment)) && DateTime.UtcNow < until)
        {
            await Task.Delay(500);
        }

        var source = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        var recovered = await RunScriptAsync("pitr-restore", Path.Combine(scripts, "pitr-restore.sh"),
        [
            "--base", Environment.GetEnvironmentVariable("FAULTS_PITR_BASE") ?? throw new InvalidOperationException("Set FAULTS_PITR_BASE"),
            "--archive", archive,
            "--target-time", target.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00",
            "--data-dir", Environment.GetEnvironmentVariable("FAULTS_PITR_DATA") ?? throw new InvalidOperationException("Set FAULTS_PITR_DATA"),
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--database", source.Database!,
            "--connection", $"Host={source.Host};Username={source.Username}",
        ]);
        figures.Seconds("pitr_restore_s", clock.Elapsed);
        if (recovered.Exit != 0)
        {
            figures.Problem($"pitr-restore.sh ended with {recovered.Exit}; see {recovered.Log}");
            return figures;
        }
        var connectionString = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Port = port }.ConnectionString;
        var db = new Database(connectionString);
        var tasks = await db.QueryAsync("select id, instance_id, status, completed_by from lsi.workflow_tasks where definition_id = $1",
            r => (Id: r.GetGuid(0), Instance: r.GetGuid(1), Status: r.GetString(2), CompletedBy: r.IsDBNull(3) ? null : r.GetString(3)), DefinitionId);
        var firstThere = tasks.Count(t => t.Instance == first && t.Status == "Completed") == Organisations.Length;
        var secondAbsent = tasks.Count(t => t.Instance == second && t.Status == "Open") == Organisations.Length;
        figures.Add("pitr_first_there", firstThere);
        figures.Add("pitr_second_absent", secondAbsent);
        if (!firstThere || !secondAbsent)
        {
            figures.Problem($"recovered to {target:HH:mm:ss.ffffff}: first marked decision {(firstThere ? "there" : "MISSING")}, second {(secondAbsent ? "absent" : "THERE")}");
        }
        var byId = tasks.ToDictionary(t => t.Id);
        bool There(Decision d) => byId.TryGetValue(d.TaskId, out var t) && t.Status == "Completed" && t.CompletedBy == d.User;
        var all = decisions.ToList();
        var lost = all.Where(d => d.Confirmed < target - Margin && !There(d)).Select(d => $"decision on {d.TaskId} confirmed {d.Confirmed:HH:mm:ss.fff} missing").ToList();
        var late = all.Where(d => d.Began > target + Margin && There(d)).Select(d => $"decision on {d.TaskId} begun {d.Began:HH:mm:ss.fff} is there").ToList();
        figures.Add("pitr_before", all.Count(d => d.Confirmed < target - Margin));
        figures.MustBeZero("pitr_lost", lost.Count, lost);
        figures.Add("pitr_after", all.Count(d => d.Began > target + Margin));
        figures.MustBeZero("pitr_after_there", late.Count, late);

        if (withHost && firstThere && secondAbsent)
        {
            await using var host = new HostProcess("pitr", Derived(connectionString, "mail-pitr"), settings.BasePort + 2);
            await host.StartAsync(TimeSpan.FromMinutes(5));
            using var api = new LsiApi([host.BaseAddress], settings.Password);
            var after = new ConcurrentBag<Decision>();
            foreach (var task in tasks.Where(t => t.Instance == second))
            {
                var organisation = (await db.QueryAsync("select organisation from lsi.workflow_tasks where id = $1", r => r.GetString(0), task.Id)).Single();
                await DecideAsync(api, task.Id, second, organisation, after);
            }
            var open = await db.WaitForZeroAsync("select count(*) from lsi.workflow_instances where id = $1 and status <> 'Finished'", TimeSpan.FromSeconds(30), second);
            figures.Add("pitr_goes_on", open == 0);
            if (open != 0)
            {
                figures.Problem("the second marked instance did not finish on the recovered cluster");
            }
        }
        return figures;
    }

    // ---- hosts, scripts and mails of the run -------------------------------------------------------------

    /// <summary>The message ids of the mails in a pickup folder: <c>{id:N}.eml</c>, <c>{id:N}.en.eml</c> for readers of the other language.</summary>
    private static HashSet<Guid> MailsIn(string folder) => Directory.Exists(folder)
        ? [.. Directory.EnumerateFiles(folder, "*.eml").Select(f => Guid.TryParse(Path.GetFileName(f).Split('.')[0], out var id) ? id : Guid.Empty)]
        : [];

    /// <summary>Settings for another host of the run: another database, a mail folder of its own.</summary>
    private FaultSettings Derived(string connectionString, string mailFolder)
    {
        var derived = new FaultSettings
        {
            HostDll = settings.HostDll,
            ConnectionString = connectionString,
            Password = settings.Password,
            WorkFolder = settings.WorkFolder,
            BasePort = settings.BasePort,
            Options = settings.Options,
        };
        foreach (var (key, value) in settings.HostEnvironment)
        {
            derived.HostEnvironment[key] = value;
        }
        derived.HostEnvironment["Mail__PickupFolder"] = Path.Combine(settings.WorkFolder, mailFolder);
        return derived;
    }

    /// <summary>Runs one of the backup scripts; its output goes to a log of the run, its last line (a path, a port) is returned.</summary>
    private async Task<(int Exit, string Last, string Log)> RunScriptAsync(string name, string script, IEnumerable<string> arguments)
    {
        var log = Path.Combine(settings.WorkFolder, $"{name}.log");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        // The scripts read the host's setting when given none: this run gives its own.
        info.Environment.Remove("ConnectionStrings__Lsi");
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not run {script}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var stdout = await output;
        await File.WriteAllTextAsync(log, $"$ {script} {string.Join(' ', info.ArgumentList.Skip(1))}\n{stdout}{await error}exit {process.ExitCode}\n");
        var last = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        Console.Error.WriteLine($"{name}: exit {process.ExitCode}");
        return (process.ExitCode, last, log);
    }
}
