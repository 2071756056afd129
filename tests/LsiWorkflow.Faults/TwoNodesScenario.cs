using System.Diagnostics;
using System.Text.Json;

namespace LsiWorkflow.Faults;

/// <summary>
/// Two hosts on one database, each with its Hangfire server. Instances are started on both; each waits a few
/// seconds (a Delay), then asks every partner organisation for approval with a reminder and a due date seconds
/// away. The driver lets the reminders and due dates pass, then has the eight partners decide at the same
/// moment, half through each node. Every timer must fire exactly once, every reminder and due notice be sent
/// once, and every decision be recorded.
/// </summary>
public sealed class TwoNodesScenario(FaultSettings settings)
{
    private const string DefinitionId = "storingsproef-timers";

    public async Task<Figures> RunAsync()
    {
        var count = settings.Int("workflows", 200);
        var delay = settings.Int("delay", 3);
        var due = settings.Int("due", 20);
        var remindBefore = settings.Int("remind-before", 10);
        var figures = new Figures();
        var clock = Stopwatch.StartNew();
        if (settings.Text("check-only") == "yes")
        {
            return await RecheckAsync(figures);
        }

        await using var nodeA = new HostProcess("node-a", settings, settings.BasePort);
        await using var nodeB = new HostProcess("node-b", settings, settings.BasePort + 1);
        // One after the other: the first applies the migrations and seeds, the second finds them done.
        await nodeA.StartAsync(TimeSpan.FromMinutes(5));
        await nodeB.StartAsync(TimeSpan.FromMinutes(5));
        using var api = new LsiApi([nodeA.BaseAddress, nodeB.BaseAddress], settings.Password);
        await FaultDefinitions.PublishAsync(api, FaultDefinitions.Timed(delay, due, remindBefore));
        var db = new Database(settings.ConnectionString);

        var instances = Enumerable.Range(0, count).Select(i => (Number: i, Id: Guid.NewGuid())).ToList();
        var errors = new System.Collections.Concurrent.ConcurrentBag<string>();
        var decisions = 0;
        // Starts are spread over about half a minute, so timers of early instances fall due while later ones start and decide.
        var pace = TimeSpan.FromMilliseconds(30_000.0 / count);
        await Parallel.ForEachAsync(instances, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (instance, _) =>
        {
            try
            {
                await Task.Delay(pace * instance.Number, CancellationToken.None);
                await FaultDefinitions.StartAsync(api, DefinitionId, instance.Id, instance.Number % 2);
                var tasks = await OpenTasksAsync(api, instance.Id, instance.Number);
                // Reminders and due notices first: a decided task is reminded of nothing.
                var left = await db.WaitForZeroAsync(
                    "select count(*) from lsi.workflow_timers tm join lsi.workflow_tasks t on t.id = tm.task_id where t.instance_id = $1 and tm.status = 'Pending'",
                    TimeSpan.FromSeconds(due + 60), instance.Id);
                if (left != 0)
                {
                    errors.Add($"{instance.Id}: {left} deadline timer(s) did not fire in time");
                }
                using var go = new Barrier(tasks.Count);
                var replies = await Task.WhenAll(tasks.Select((t, i) => Task.Run(() =>
                {
                    go.SignalAndWait();
                    return api.PostAsync(UserOf(t.Organisation!), $"/api/tasks/{t.Id}/complete", new { outcome = "Akkoord" }, instance.Number + i);
                })));
                foreach (var reply in replies.Where(r => !r.Ok))
                {
                    errors.Add($"{instance.Id}: complete {(int)reply.Status} {reply.Text}");
                }
                Interlocked.Add(ref decisions, replies.Count(r => r.Ok));
            }
            catch (StepFailedException failed)
            {
                errors.Add($"{instance.Id}: {failed.Message}");
            }
        });
        await db.WaitForZeroAsync("select count(*) from lsi.workflow_outbox where dispatched_at is null", TimeSpan.FromMinutes(2));
        await db.WaitForZeroAsync($"select count(*) from lsi.workflow_instances where definition_id = '{DefinitionId}' and status <> 'Finished'", TimeSpan.FromSeconds(30));

        figures.Add("nodes", 2);
        figures.Add("workflows", count);
        figures.Add("decisions", decisions);
        await CheckAsync(db, instances.Select(i => i.Id).ToArray(), [(nodeA.Name, nodeA.MailFolder), (nodeB.Name, nodeB.MailFolder)], figures);
        figures.MustBeZero("errors", errors.Count, errors);
        figures.Add("node_a_alive", nodeA.IsRunning);
        figures.Add("node_b_alive", nodeB.IsRunning);
        figures.Seconds("total_s", clock.Elapsed);
        return figures;
    }

    /// <summary>
    /// The checks alone, on the database and pickup folders a run left (its instances are those of the
    /// definition): to see them fail on a loss or repeat put there by hand.
    /// </summary>
    private async Task<Figures> RecheckAsync(Figures figures)
    {
        var db = new Database(settings.ConnectionString);
        var ids = (await db.QueryAsync($"select id from lsi.workflow_instances where definition_id = '{DefinitionId}'", r => r.GetGuid(0))).ToArray();
        figures.Add("workflows", ids.Length);
        await CheckAsync(db, ids, [.. new[] { "node-a", "node-b" }.Select(n => (n, HostProcess.MailFolderOf(settings, n)))], figures);
        return figures;
    }

    private static string UserOf(string organisation) => organisation switch
    {
        "GEM-ROTTERDAM" => "partner.rotterdam",
        _ => $"partner.{organisation.ToLowerInvariant()}",
    };

    private static async Task<List<(Guid Id, string Activity, string? Organisation, string Status)>> OpenTasksAsync(LsiApi api, Guid instanceId, int node)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var tasks = await FaultDefinitions.TasksAsync(api, instanceId, node + 1);
            if (tasks.Count(t => t.Status == "Open") == FaultDefinitions.Partners.Length)
            {
                return tasks;
            }
            if (DateTime.UtcNow > until)
            {
                throw new StepFailedException($"{tasks.Count} task(s) after the delay, expected {FaultDefinitions.Partners.Length}");
            }
            await Task.Delay(500);
        }
    }

    /// <summary>
    /// Checks the run against what the product does with a deadline: the timer job claims the due timer and
    /// leaves one outbox message of kind <c>task-deadline</c> (its id the timer's); the dispatcher turns it into a
    /// notice with that id for everyone of the task's organisation: one in-app line per person and one mail (a
    /// pickup file named after the id, in the folder of the node that delivered it). A loss is a (task, deadline)
    /// or a person without one of these. A repeat is the same (task, deadline) reaching a person twice: a second
    /// timer or message for it (a new id, so a second line and a second mail), or one message delivered by both
    /// nodes (its mail in both pickup folders). Delivering one message twice on the same node writes the same
    /// line and file again, which by design nobody can tell from once.
    /// </summary>
    private static async Task CheckAsync(Database db, Guid[] ids, IReadOnlyList<(string Node, string Folder)> mailFolders, Figures figures)
    {
        string[] deadlineKinds = ["Reminder", "Due"];

        // The delay of each instance: one timer, fired once, resumed once.
        var delays = await db.QueryAsync("select instance_id, status, count(*) from lsi.workflow_timers where instance_id = any($1) group by 1, 2",
            r => (Instance: r.GetGuid(0), Status: r.GetString(1), Count: r.GetInt64(2)), ids);
        var delaysFired = delays.Where(d => d.Status == "Fired").Sum(d => d.Count);
        var delayProblems = ids.Where(id => delays.Where(d => d.Instance == id).Sum(d => d.Count) != 1 || !delays.Any(d => d.Instance == id && d.Status == "Fired"))
            .Select(id => $"{id}: delay timers {string.Join(",", delays.Where(d => d.Instance == id).Select(d => $"{d.Status}x{d.Count}"))}").ToList();
        var resumedTwice = await db.RepeatsAsync(
            "select instance_id, activity_id, coalesce(outcome, ''), count(*) from lsi.workflow_journal where instance_id = any($1) and activity_id in ('wait', 'note', 'end') group by 1, 2, 3 having count(*) > 1",
            ids);

        var tasks = await db.QueryAsync("select id, instance_id, status, organisation from lsi.workflow_tasks where instance_id = any($1)",
            r => (Id: r.GetGuid(0), Instance: r.GetGuid(1), Status: r.GetString(2), Organisation: r.GetString(3)), ids);
        var people = await db.QueryAsync("""select user_name, organisation_code, email from lsi."AspNetUsers" """,
            r => (User: r.GetString(0), Organisation: r.GetString(1), Email: r.IsDBNull(2) ? null : r.GetString(2)));
        var peopleOf = people.ToLookup(p => p.Organisation, StringComparer.Ordinal);
        var taskById = tasks.ToDictionary(t => t.Id);
        var expected = tasks.SelectMany(t => deadlineKinds.Select(kind => (Task: t.Id, Kind: kind))).ToHashSet();

        // The deadline timers: one per task and kind, fired.
        var timers = await db.QueryAsync(
            """
            select tm.id, tm.task_id, tm.task_deadline, tm.status from lsi.workflow_timers tm join lsi.workflow_tasks t on t.id = tm.task_id
            where t.instance_id = any($1)
            """,
            r => (Id: r.GetGuid(0), Task: r.GetGuid(1), Kind: r.GetString(2), Status: r.GetString(3)), ids);
        var timersPer = timers.GroupBy(t => (t.Task, t.Kind)).ToDictionary(g => g.Key, g => g.Count());
        var timerRepeats = timersPer.Where(p => p.Value > 1).Select(p => $"{p.Key.Kind} timers of task {p.Key.Task} x{p.Value}").ToList();
        var timersMissing = expected.Where(e => !timersPer.ContainsKey(e)).Select(e => $"no {e.Kind} timer for task {e.Task}").ToList();
        var notFired = timers.Where(t => t.Status != "Fired").Select(t => $"{t.Kind} timer {t.Id} {t.Status}").ToList();
        var strayTimers = timers.Where(t => !expected.Contains((t.Task, t.Kind))).Select(t => $"{t.Kind} timer {t.Id} unexpected").ToList();

        // The deadline notices: one dispatched task-deadline message per task and kind.
        var notices = (await db.QueryAsync(
                "select id, payload::text, dispatched_at is not null from lsi.workflow_outbox where instance_id = any($1) and kind = 'task-deadline'",
                r => (Id: r.GetGuid(0), Payload: r.GetString(1), Dispatched: r.GetBoolean(2)), ids))
            .Select(m =>
            {
                using var payload = JsonDocument.Parse(m.Payload);
                var root = payload.RootElement;
                // The notice, its in-app lines and its mail carry the payload's timer id.
                return (m.Id, Notice: root.GetProperty("TimerId").GetGuid(), Task: root.GetProperty("TaskId").GetGuid(), Kind: root.GetProperty("Deadline").GetString()!, m.Dispatched);
            })
            .ToList();
        var noticesPer = notices.GroupBy(n => (n.Task, n.Kind)).ToDictionary(g => g.Key, g => g.Count());
        var noticeRepeats = noticesPer.Where(p => p.Value > 1).Select(p => $"{p.Key.Kind} of task {p.Key.Task}: {p.Value} outbox messages").ToList();
        var noticesMissing = expected.Where(e => !noticesPer.ContainsKey(e)).Select(e => $"{e.Kind} of task {e.Task}: no outbox message").ToList();
        var strayNotices = notices.Where(n => !expected.Contains((n.Task, n.Kind))).Select(n => $"outbox {n.Id} for {n.Kind} of unknown task {n.Task}").ToList();

        // The closing notification of each instance, written by the workflow itself: one, for the secretary.
        var closing = (await db.QueryAsync(
                "select instance_id, payload::text, dispatched_at is not null from lsi.workflow_outbox where instance_id = any($1) and kind = 'notification'",
                r => (Instance: r.GetGuid(0), Payload: r.GetString(1), Dispatched: r.GetBoolean(2)), ids))
            .Select(m =>
            {
                using var payload = JsonDocument.Parse(m.Payload);
                return (m.Instance, Notice: payload.RootElement.GetProperty("messageId").GetGuid(), m.Dispatched);
            })
            .ToList();
        var closingPer = closing.GroupBy(c => c.Instance).ToDictionary(g => g.Key, g => g.Count());
        var closingRepeats = closingPer.Where(p => p.Value > 1).Select(p => $"{p.Key}: {p.Value} closing notifications").ToList();
        var closingMissing = ids.Where(id => !closingPer.ContainsKey(id)).Select(id => $"{id}: no closing notification").ToList();
        var undispatched = notices.Where(n => !n.Dispatched).Select(n => $"outbox {n.Id} undispatched")
            .Concat(closing.Where(c => !c.Dispatched).Select(c => $"closing notification of {c.Instance} undispatched")).ToList();

        // Who each notice is for, and what it is about.
        var readers = new Dictionary<Guid, (string About, string[] Users, string[] Emails)>();
        foreach (var notice in notices)
        {
            var members = taskById.TryGetValue(notice.Task, out var task) ? peopleOf[task.Organisation].ToList() : [];
            readers[notice.Notice] = ($"{notice.Kind} of task {notice.Task}", [.. members.Select(p => p.User)], [.. members.Select(p => p.Email).OfType<string>()]);
        }
        var secretary = people.Single(p => p.User == ProjectApprovalDriver.Secretary);
        foreach (var notice in closing)
        {
            readers[notice.Notice] = ($"closing notification of {notice.Instance}", [secretary.User], secretary.Email is null ? [] : [secretary.Email]);
        }

        // In-app lines, counted per subject and person: a second notice about the same deadline is a second line.
        var lines = await db.QueryAsync("select message_id, user_name from lsi.inbox_notifications where message_id = any($1)",
            r => (Notice: r.GetGuid(0), User: r.GetString(1)), readers.Keys.ToArray());
        var linesPer = lines.GroupBy(l => (readers[l.Notice].About, l.User)).ToDictionary(g => g.Key, g => g.Count());
        var lineRepeats = linesPer.Where(p => p.Value > 1).Select(p => $"{p.Key.About}: {p.Value} lines for {p.Key.User}").ToList();
        var linesMissing = readers.Values.DistinctBy(r => r.About).SelectMany(r => r.Users.Where(u => !linesPer.ContainsKey((r.About, u))).Select(u => $"{r.About}: not in the list of {u}")).ToList();
        var strayLines = lines.Where(l => !readers[l.Notice].Users.Contains(l.User)).Select(l => $"{readers[l.Notice].About}: line for {l.User}, not a reader").ToList();

        // Mails: one file per notice, in the folder of the node that delivered it, to every reader with an address.
        // Mails of no notice of the run are left out: the seed's milestones and commitments remind the secretariat
        // on their own dates, and a second notice about one of the run's deadlines is a second outbox message above.
        var known = readers.Keys.Select(n => $"{n:N}.eml").ToHashSet();
        var files = mailFolders
            .SelectMany(f => Directory.Exists(f.Folder) ? Directory.GetFiles(f.Folder, "*.eml").Select(path => (f.Node, Path: path)) : [])
            .Where(f => known.Contains(Path.GetFileName(f.Path)))
            .ToList();
        var filesPer = files.GroupBy(f => Path.GetFileName(f.Path)).ToDictionary(g => g.Key, g => g.ToList());
        var mailRepeats = new List<string>();
        var mailsMissing = new List<string>();
        var mailsWrong = new List<string>();
        foreach (var (notice, reader) in readers)
        {
            if (!filesPer.TryGetValue($"{notice:N}.eml", out var copies))
            {
                mailsMissing.Add($"{reader.About}: no mail {notice:N}.eml");
                continue;
            }
            if (copies.Count > 1)
            {
                mailRepeats.Add($"{reader.About}: mailed by {string.Join(" and ", copies.Select(c => c.Node))}");
            }
            var to = Recipients(copies[0].Path);
            if (!to.SetEquals(reader.Emails))
            {
                mailsWrong.Add($"{reader.About}: mail to {string.Join(",", to.Order())}, expected {string.Join(",", reader.Emails.Order())}");
            }
        }
        var deadlineMails = readers.Count(r => !r.Value.About.StartsWith("closing", StringComparison.Ordinal) && filesPer.ContainsKey($"{r.Key:N}.eml"));

        // The decisions: eight tasks completed, a journal line by each of the eight deciders.
        var undecided = tasks.Where(t => t.Status != "Completed").Select(t => $"{t.Id} {t.Organisation} {t.Status}").ToList();
        var decisionsPerInstance = await db.QueryAsync(
            "select instance_id, count(distinct actor) from lsi.workflow_journal where instance_id = any($1) and activity_id = 'approve' and actor is not null group by 1",
            r => (Instance: r.GetGuid(0), Count: r.GetInt64(1)), ids);
        var decisionRepeats = await db.RepeatsAsync(
            "select instance_id, actor, count(*) from lsi.workflow_journal where instance_id = any($1) and activity_id = 'approve' and actor is not null group by 1, 2 having count(*) > 1",
            ids);
        var decisionsMissing = ids.Where(id => decisionsPerInstance.FirstOrDefault(d => d.Instance == id).Count != FaultDefinitions.Partners.Length)
            .Select(id => $"{id}: {decisionsPerInstance.FirstOrDefault(d => d.Instance == id).Count} decisions in the journal").ToList();
        var tasksMissing = ids.Where(id => tasks.Count(t => t.Instance == id) != FaultDefinitions.Partners.Length)
            .Select(id => $"{id}: {tasks.Count(t => t.Instance == id)} tasks").ToList();
        var unfinished = await db.CountAsync("select count(*) from lsi.workflow_instances where id = any($1) and status <> 'Finished'", ids);

        figures.Add("delays_fired", delaysFired);
        figures.Add("deadlines_fired", timers.Count(t => t.Status == "Fired"));
        figures.Add("notices_sent", notices.Count(n => n.Dispatched) + closing.Count(c => c.Dispatched));
        figures.Add("in_app", lines.Count);
        figures.Add("mails", filesPer.Count);
        foreach (var (node, _) in mailFolders)
        {
            figures.Add($"mails_{node.Replace('-', '_')}", files.Count(f => f.Node == node));
        }
        figures.Add("deadline_mails", deadlineMails);
        figures.Add("tasks_completed", tasks.Count - undecided.Count);
        List<string> repeats = [.. timerRepeats, .. noticeRepeats, .. closingRepeats, .. lineRepeats, .. mailRepeats, .. resumedTwice, .. decisionRepeats];
        figures.MustBeZero("duplicates", repeats.Count, repeats);
        List<string> missing = [.. delayProblems, .. tasksMissing, .. timersMissing, .. notFired, .. noticesMissing, .. closingMissing, .. undispatched,
            .. linesMissing, .. mailsMissing, .. undecided, .. decisionsMissing];
        figures.MustBeZero("missing", missing.Count + unfinished, [.. missing, $"unfinished {unfinished}"]);
        List<string> wrong = [.. strayTimers, .. strayNotices, .. strayLines, .. mailsWrong];
        figures.MustBeZero("wrong", wrong.Count, wrong);
    }

    /// <summary>The addresses of a pickup file's To header (folded over several lines when there are many).</summary>
    private static HashSet<string> Recipients(string path)
    {
        var header = new System.Text.StringBuilder();
        var inTo = false;
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0)
            {
                break;
            }
            if (inTo && (line[0] == ' ' || line[0] == '\t'))
            {
                header.Append(line);
                continue;
            }
            inTo = line.StartsWith("To:", StringComparison.OrdinalIgnoreCase);
            if (inTo)
            {
                header.Append(line.AsSpan(3));
            }
        }
        // Display names hold no '@'; an address is the same whether or not it stands in angle brackets.
        return System.Text.RegularExpressions.Regex.Matches(header.ToString(), @"[^\s<>,""]+@[^\s<>,""]+").Select(m => m.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
