using System.Diagnostics;
using System.Text.Json;

namespace LsiWorkflow.Faults;

/// <summary>
/// Project-approval workflows driven through the API of one host that is killed with SIGKILL at random moments
/// and started again. Afterwards the database must hold exactly what the driver did: every instance finished
/// (or, without the closing DPIA adoption, waiting at the DPIA gate), each task, deadline timer, outbox
/// message, in-app notification, mail, journal line and audit entry once.
/// </summary>
public sealed class CrashScenario(FaultSettings settings)
{
    public async Task<Figures> RunAsync()
    {
        var count = settings.Int("workflows", 1000);
        var kills = settings.Int("kills", 5);
        var clients = settings.Int("clients", 32);
        var release = settings.Text("release") != "no";
        var figures = new Figures();
        var clock = Stopwatch.StartNew();

        await using var host = new HostProcess("crash", settings, settings.BasePort);
        await host.StartAsync(TimeSpan.FromMinutes(5));
        using var api = new LsiApi([host.BaseAddress], settings.Password);
        var driver = new ProjectApprovalDriver(api);
        var run = DateTimeOffset.UtcNow.ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var flows = Enumerable.Range(1, count).Select(i => new Flow(i, $"Storingsproef {run} nr. {i:0000}", rejectAtIntake: i % 10 == 0)).ToList();

        // Kills fall at random points of the work, so each lands while requests are in flight.
        var steps = flows.Count * 3 + flows.Count(f => !f.RejectAtIntake) * 2;
        var progress = 0;
        var killPoints = Enumerable.Range(0, kills).Select(_ => (int)(steps * (0.03 + Random.Shared.NextDouble() * 0.9))).Order().ToList();
        var downtimes = new List<TimeSpan>();
        using var stop = new CancellationTokenSource();
        var killer = Task.Run(async () =>
        {
            foreach (var point in killPoints)
            {
                while (Volatile.Read(ref progress) < point)
                {
                    await Task.Delay(20, stop.Token);
                }
                await Task.Delay(Random.Shared.Next(0, 500), stop.Token);
                var down = Stopwatch.StartNew();
                await host.KillAsync();
                await Task.Delay(Random.Shared.Next(500, 2000), stop.Token);
                await host.StartAsync(TimeSpan.FromMinutes(3));
                downtimes.Add(down.Elapsed);
                Console.Error.WriteLine($"kill {downtimes.Count} at step {point}/{steps}: down {down.Elapsed.TotalSeconds:0.0} s");
            }
        });

        void Done() => Interlocked.Increment(ref progress);
        await ProjectApprovalDriver.ForEachAsync(flows, clients, driver.PrepareAsync, Done);
        await ProjectApprovalDriver.ForEachAsync(flows, clients, driver.StartAsync, Done);
        await ProjectApprovalDriver.ForEachAsync(flows, clients, f =>
            driver.CompleteAsync(f, "intake", ProjectApprovalDriver.Secretary, f.RejectAtIntake ? "Afwijzen" : "Compleet", 5,
                f.RejectAtIntake ? "Voorstel onvolledig: geen deelnemers met gegevensdeling." : null), Done);
        var approved = flows.Where(f => !f.RejectAtIntake).ToList();
        await ProjectApprovalDriver.ForEachAsync(approved, clients, f => driver.CompleteAsync(f, "partners", ProjectApprovalDriver.Partner, "Akkoord", 6), Done);
        await ProjectApprovalDriver.ForEachAsync(approved, clients, f => driver.CompleteAsync(f, "steering", ProjectApprovalDriver.Member, "Goedkeuren", 7), Done);
        if (!killer.IsCompleted)
        {
            // Broken flows left fewer steps than planned; the remaining kills are not worth waiting for.
            await stop.CancelAsync();
        }
        try
        {
            await killer;
        }
        catch (OperationCanceledException)
        {
        }
        figures.Add("workflows", count);
        figures.Add("kills", downtimes.Count);
        figures.Seconds("max_down_s", downtimes.Count == 0 ? TimeSpan.Zero : downtimes.Max());
        figures.Add("retried_requests", api.TransportFailures + api.Unavailable);
        figures.Add("repeats_409", driver.RepeatsAnswered409);
        figures.Add("uncertain_starts", driver.UncertainStarts);
        figures.Seconds("load_s", clock.Elapsed);

        var db = new Database(settings.ConnectionString);
        if (release)
        {
            var releasing = Stopwatch.StartNew();
            try
            {
                await driver.AdoptJointDpiaAsync();
            }
            catch (StepFailedException failed)
            {
                figures.Problem(failed.Message);
            }
            // The waiting instances go on in the adoption's request; their notifications leave through the outbox.
            await db.WaitForZeroAsync("select count(*) from lsi.workflow_instances where id = any($1) and status <> 'Finished'", TimeSpan.FromMinutes(5),
                flows.Where(f => !f.Broken).Select(f => f.InstanceId).ToArray());
            figures.Seconds("release_s", releasing.Elapsed);
        }
        await db.WaitForZeroAsync("select count(*) from lsi.workflow_outbox where dispatched_at is null", TimeSpan.FromMinutes(3));
        await CheckAsync(db, flows, release, host.MailFolder, figures);
        figures.MustBeZero("errors", driver.Errors.Count, driver.Errors);
        figures.Seconds("total_s", clock.Elapsed);
        return figures;
    }

    private static async Task CheckAsync(Database db, List<Flow> flows, bool released, string mailFolder, Figures figures)
    {
        var ids = flows.Select(f => f.InstanceId).ToArray();
        var projects = flows.Select(f => f.ProjectId).ToArray();
        var byId = flows.ToDictionary(f => f.InstanceId);

        var instances = await db.QueryAsync(
            """
            select i.id, i.status, exists (select 1 from lsi.workflow_bookmarks b where b.instance_id = i.id and b.activity_id = 'wait_dpia') as at_dpia
            from lsi.workflow_instances i where i.definition_id = 'project-approval'
            """,
            r => (Id: r.GetGuid(0), Status: r.GetString(1), AtDpia: r.GetBoolean(2)));
        var ours = instances.Where(i => byId.ContainsKey(i.Id)).ToList();
        var finished = ours.Count(i => i.Status == "Finished");
        var waitingOk = ours.Count(i => i.Status == "Waiting" && i.AtDpia && !byId[i.Id].RejectAtIntake);
        figures.Add("finished", finished);
        figures.Add("waiting_ok", waitingOk);
        // Released: every instance finished. Otherwise the rejected ones finished and the others wait at the DPIA gate.
        var misplaced = ours.Where(i => !(i.Status == "Finished" || (!released && i.Status == "Waiting" && i.AtDpia && !byId[i.Id].RejectAtIntake))).ToList();
        figures.MustBeZero("misplaced", misplaced.Count, misplaced.Select(i => $"{i.Id} {i.Status}"));

        // Tasks: intake for all, partners (UWV) and steering for the approved ones, each once and completed.
        var tasks = await db.QueryAsync(
            "select instance_id, activity_id, coalesce(organisation, ''), status from lsi.workflow_tasks where instance_id = any($1)",
            r => (Instance: r.GetGuid(0), Activity: r.GetString(1), Organisation: r.GetString(2), Status: r.GetString(3)), ids);
        var expectedTasks = flows.SelectMany(f => f.RejectAtIntake
            ? new[] { (f.InstanceId, "intake") }
            : [(f.InstanceId, "intake"), (f.InstanceId, "partners"), (f.InstanceId, "steering")]).ToHashSet();
        var completed = tasks.Where(t => t.Status == "Completed").Select(t => (t.Instance, t.Activity)).ToList();
        var taskRepeats = completed.GroupBy(t => t).Where(g => g.Count() > 1).Select(g => $"{g.Key.Instance} {g.Key.Activity} x{g.Count()}").ToList();
        var tasksMissing = expectedTasks.Except(completed).Select(t => $"{t.Item1} {t.Item2}").ToList();
        var strayTasks = tasks.Where(t => t.Status != "Completed" || !expectedTasks.Contains((t.Instance, t.Activity))).Select(t => $"{t.Instance} {t.Activity} {t.Status}").ToList();

        // Deadline timers: intake due; partners two reminders, due and escalation; steering due and escalation; all cancelled now.
        var timers = await db.QueryAsync(
            """
            select t.instance_id, t.activity_id, count(tm.id), count(tm.id) filter (where tm.status = 'Pending'),
                   count(*) filter (where tm.id is not null) - count(distinct (tm.task_deadline, tm.due_at))
            from lsi.workflow_tasks t left join lsi.workflow_timers tm on tm.task_id = t.id
            where t.instance_id = any($1) group by t.id, t.instance_id, t.activity_id
            """,
            r => (Instance: r.GetGuid(0), Activity: r.GetString(1), Count: r.GetInt64(2), Pending: r.GetInt64(3), Repeated: r.GetInt64(4)), ids);
        var expectedTimers = new Dictionary<string, int> { ["intake"] = 1, ["partners"] = 4, ["steering"] = 2 };
        var timerRepeats = timers.Where(t => t.Repeated > 0).Select(t => $"{t.Instance} {t.Activity} x{t.Repeated + 1}").ToList();
        var timersMissing = timers.Where(t => t.Count < expectedTimers.GetValueOrDefault(t.Activity)).Select(t => $"{t.Instance} {t.Activity} {t.Count}").ToList();
        var timersPending = timers.Where(t => t.Pending > 0).Select(t => $"{t.Instance} {t.Activity} pending {t.Pending}").ToList();

        // Notifications: "project gestart" once per approved instance, dispatched, in the secretary's list and mailed.
        var outbox = await db.QueryAsync(
            "select instance_id, kind, payload, dispatched_at is not null from lsi.workflow_outbox where instance_id = any($1)",
            r => (Instance: r.GetGuid(0), Kind: r.GetString(1), Payload: r.GetString(2), Dispatched: r.GetBoolean(3)), ids);
        var notifications = outbox.Where(m => m.Kind == "notification").ToList();
        var expectedNotifications = released ? flows.Where(f => !f.RejectAtIntake).Select(f => f.InstanceId).ToHashSet() : [];
        var perInstance = notifications.GroupBy(m => m.Instance).ToDictionary(g => g.Key, g => g.Count());
        var notificationRepeats = perInstance.Where(p => p.Value > 1).Select(p => $"{p.Key} x{p.Value}").ToList();
        var notificationsMissing = expectedNotifications.Where(i => !perInstance.ContainsKey(i)).Select(i => i.ToString()).ToList();
        var unexpected = perInstance.Keys.Where(i => !expectedNotifications.Contains(i)).Select(i => $"{i} unexpected").ToList();
        var undispatched = outbox.Where(m => !m.Dispatched).Select(m => $"{m.Instance} {m.Kind}").ToList();
        var messageIds = notifications.Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("messageId").GetGuid()).ToArray();
        var inbox = await db.QueryAsync(
            "select message_id, user_name, count(*) from lsi.inbox_notifications where message_id = any($1) group by 1, 2",
            r => (Message: r.GetGuid(0), User: r.GetString(1), Count: r.GetInt64(2)), messageIds);
        var inboxRepeats = inbox.Where(n => n.Count > 1).Select(n => $"{n.Message} {n.User} x{n.Count}").ToList();
        var inboxMissing = messageIds.Except(inbox.Where(n => n.User == ProjectApprovalDriver.Secretary).Select(n => n.Message)).Select(m => $"{m} not in the secretary's list").ToList();
        var mailsMissing = messageIds.Where(m => !File.Exists(Path.Combine(mailFolder, $"{m:N}.eml"))).Select(m => $"{m}.eml").ToList();

        // Journal: each activity once per outcome (a task: opened, decided; the start gate: blocked, passed).
        var journalRepeats = await db.RepeatsAsync(
            """
            select instance_id, activity_id, coalesce(outcome, ''), count(*) from lsi.workflow_journal
            where instance_id = any($1) group by 1, 2, 3 having count(*) > 1
            """, ids);
        var auditRepeats = await db.RepeatsAsync(
            "select project_id, action, count(*) from lsi.audit_entries where project_id = any($1) group by 1, 2 having count(*) > 1", projects);
        var projectStates = await db.QueryAsync("select id, status from lsi.projects where id = any($1)", r => (Id: r.GetGuid(0), Status: r.GetString(1)), projects);
        var statusOf = projectStates.ToDictionary(p => p.Id, p => p.Status);
        var projectsWrong = flows.Where(f => statusOf.GetValueOrDefault(f.ProjectId) != (f.RejectAtIntake ? "Rejected" : released ? "Started" : "Approved"))
            .Select(f => $"project {f.ProjectId} {statusOf.GetValueOrDefault(f.ProjectId, "absent")}").ToList();
        var extraProjects = await db.CountAsync("select count(*) from lsi.projects where name like 'Storingsproef %'") - flows.Count(f => f.ProjectId != Guid.Empty);

        figures.Add("tasks", completed.Count);
        figures.Add("timers", timers.Sum(t => t.Count));
        figures.Add("notifications", notifications.Count);
        figures.Add("in_app", inbox.Count);
        figures.MustBeZero("duplicates",
            (instances.Count - ours.Count) + extraProjects + taskRepeats.Count + timerRepeats.Count + notificationRepeats.Count + inboxRepeats.Count + journalRepeats.Count + auditRepeats.Count,
            [$"instances not started by the driver: {instances.Count - ours.Count}", $"projects: {extraProjects}", .. taskRepeats, .. timerRepeats, .. notificationRepeats, .. inboxRepeats, .. journalRepeats, .. auditRepeats]);
        figures.MustBeZero("missing",
            (flows.Count - ours.Count) + tasksMissing.Count + timersMissing.Count + notificationsMissing.Count + inboxMissing.Count + mailsMissing.Count,
            [.. tasksMissing, .. timersMissing, .. notificationsMissing, .. inboxMissing, .. mailsMissing]);
        figures.MustBeZero("wrong", strayTasks.Count + timersPending.Count + unexpected.Count + undispatched.Count + projectsWrong.Count,
            [.. strayTasks, .. timersPending, .. unexpected, .. undispatched, .. projectsWrong]);
    }
}
