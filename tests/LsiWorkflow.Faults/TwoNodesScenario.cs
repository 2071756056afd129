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
        await CheckAsync(db, instances.Select(i => i.Id).ToArray(), figures);
        figures.MustBeZero("errors", errors.Count, errors);
        figures.Add("node_a_alive", nodeA.IsRunning);
        figures.Add("node_b_alive", nodeB.IsRunning);
        figures.Seconds("total_s", clock.Elapsed);
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

    private static async Task CheckAsync(Database db, Guid[] ids, Figures figures)
    {
        // The delay of each instance: one timer, fired once, resumed once.
        var delays = await db.QueryAsync("select instance_id, status, count(*) from lsi.workflow_timers where instance_id = any($1) group by 1, 2",
            r => (Instance: r.GetGuid(0), Status: r.GetString(1), Count: r.GetInt64(2)), ids);
        var delaysFired = delays.Where(d => d.Status == "Fired").Sum(d => d.Count);
        var delayProblems = ids.Where(id => delays.Where(d => d.Instance == id).Sum(d => d.Count) != 1 || !delays.Any(d => d.Instance == id && d.Status == "Fired"))
            .Select(id => $"{id}: delay timers {string.Join(",", delays.Where(d => d.Instance == id).Select(d => $"{d.Status}x{d.Count}"))}").ToList();
        var resumedTwice = await db.RepeatsAsync(
            "select instance_id, activity_id, coalesce(outcome, ''), count(*) from lsi.workflow_journal where instance_id = any($1) and activity_id in ('wait', 'note', 'end') group by 1, 2, 3 having count(*) > 1",
            ids);

        // The deadlines of each task: a reminder and a due notice, each fired once, each one outbox message and one mail per recipient.
        var deadlines = await db.QueryAsync(
            """
            select tm.id, tm.task_deadline, tm.status, t.instance_id from lsi.workflow_timers tm join lsi.workflow_tasks t on t.id = tm.task_id
            where t.instance_id = any($1)
            """,
            r => (Id: r.GetGuid(0), Kind: r.GetString(1), Status: r.GetString(2), Instance: r.GetGuid(3)), ids);
        var tasks = await db.QueryAsync("select id, instance_id, status, organisation from lsi.workflow_tasks where instance_id = any($1)",
            r => (Id: r.GetGuid(0), Instance: r.GetGuid(1), Status: r.GetString(2), Organisation: r.GetString(3)), ids);
        var expectedDeadlines = tasks.Count * 2;
        var notFired = deadlines.Where(d => d.Status != "Fired").Select(d => $"{d.Id} {d.Kind} {d.Status}").ToList();
        var outbox = await db.QueryAsync("select payload, dispatched_at is not null from lsi.workflow_outbox where instance_id = any($1) and kind = 'notification'",
            r => (Payload: r.GetString(0), Dispatched: r.GetBoolean(1)), ids);
        var messageIds = outbox.Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("messageId").GetGuid()).ToList();
        var sentPerDeadline = messageIds.GroupBy(m => m).ToDictionary(g => g.Key, g => g.Count());
        var reminderRepeats = sentPerDeadline.Where(s => s.Value > 1).Select(s => $"notice {s.Key} x{s.Value}").ToList();
        var remindersMissing = deadlines.Where(d => !sentPerDeadline.ContainsKey(d.Id)).Select(d => $"{d.Kind} {d.Id} not sent").ToList();
        var inbox = await db.QueryAsync("select message_id, user_name, count(*) from lsi.inbox_notifications where message_id = any($1) group by 1, 2",
            r => (Message: r.GetGuid(0), User: r.GetString(1), Count: r.GetInt64(2)), messageIds.ToArray());
        var inboxRepeats = inbox.Where(n => n.Count > 1).Select(n => $"{n.Message} {n.User} x{n.Count}").ToList();
        var inboxMissing = messageIds.Distinct().Except(inbox.Select(n => n.Message)).Select(m => $"{m} in nobody's list").ToList();

        // The decisions: eight tasks completed, a journal line by each of the eight deciders, one closing notification per instance.
        var undecided = tasks.Where(t => t.Status != "Completed").Select(t => $"{t.Id} {t.Organisation} {t.Status}").ToList();
        var decisionsPerInstance = await db.QueryAsync(
            "select instance_id, count(distinct actor) from lsi.workflow_journal where instance_id = any($1) and activity_id = 'approve' and actor is not null group by 1",
            r => (Instance: r.GetGuid(0), Count: r.GetInt64(1)), ids);
        var decisionRepeats = await db.RepeatsAsync(
            "select instance_id, actor, count(*) from lsi.workflow_journal where instance_id = any($1) and activity_id = 'approve' and actor is not null group by 1, 2 having count(*) > 1",
            ids);
        var decisionsMissing = ids.Where(id => decisionsPerInstance.FirstOrDefault(d => d.Instance == id).Count != FaultDefinitions.Partners.Length)
            .Select(id => $"{id}: {decisionsPerInstance.FirstOrDefault(d => d.Instance == id).Count} decisions in the journal").ToList();
        var closing = outbox.Count - deadlines.Count;
        var unfinished = await db.CountAsync("select count(*) from lsi.workflow_instances where id = any($1) and status <> 'Finished'", ids);

        figures.Add("delays_fired", delaysFired);
        figures.Add("deadlines_fired", deadlines.Count(d => d.Status == "Fired"));
        figures.Add("notices_sent", sentPerDeadline.Count);
        figures.Add("in_app", inbox.Count);
        figures.Add("tasks_completed", tasks.Count - undecided.Count);
        figures.MustBeZero("duplicates", reminderRepeats.Count + inboxRepeats.Count + resumedTwice.Count + decisionRepeats.Count + (closing > ids.Length ? closing - ids.Length : 0),
            [.. reminderRepeats, .. inboxRepeats, .. resumedTwice, .. decisionRepeats]);
        figures.MustBeZero("missing",
            delayProblems.Count + notFired.Count + remindersMissing.Count + inboxMissing.Count + undecided.Count + decisionsMissing.Count
            + (expectedDeadlines - deadlines.Count) + (closing < ids.Length ? ids.Length - closing : 0) + unfinished + (outbox.Count(m => !m.Dispatched)),
            [.. delayProblems, .. notFired, .. remindersMissing, .. inboxMissing, .. undecided, .. decisionsMissing, $"deadlines {deadlines.Count}/{expectedDeadlines}", $"closing notices {closing}/{ids.Length}", $"unfinished {unfinished}"]);
    }
}
