using System.Diagnostics;
using System.Net;

namespace LsiWorkflow.Faults;

/// <summary>
/// Two clients complete the same task at the same moment, a thousand times over: exactly one gets 2xx, the other
/// 409, never both, never a 500; the task is decided once, with the winner's outcome.
/// </summary>
public sealed class RaceScenario(FaultSettings settings)
{
    public async Task<Figures> RunAsync()
    {
        var trials = settings.Int("trials", 1000);
        var parallel = settings.Int("parallel", 4);
        var figures = new Figures();
        var clock = Stopwatch.StartNew();
        await using var host = new HostProcess("race", settings, settings.BasePort);
        await host.StartAsync(TimeSpan.FromMinutes(5));
        // Two clients: two connection pools, two people of UWV (the partner and the steering-group member).
        using var first = new LsiApi([host.BaseAddress], settings.Password);
        using var second = new LsiApi([host.BaseAddress], settings.Password);
        await FaultDefinitions.PublishAsync(first, FaultDefinitions.Race);

        var instances = Enumerable.Range(0, trials).Select(_ => Guid.NewGuid()).ToList();
        await Parallel.ForEachAsync(instances, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, _) =>
            await FaultDefinitions.StartAsync(first, "storingsproef-race", id));
        var taskOf = new Dictionary<Guid, Guid>();
        foreach (var id in instances)
        {
            taskOf[id] = (await FaultDefinitions.TasksAsync(first, id)).Single().Id;
        }

        var oneWinner = 0;
        var both = 0;
        var neither = 0;
        var serverErrors = 0;
        var winners = new System.Collections.Concurrent.ConcurrentDictionary<Guid, string>();
        var odd = new System.Collections.Concurrent.ConcurrentBag<string>();
        var racing = Stopwatch.StartNew();
        await Parallel.ForEachAsync(instances, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (id, _) =>
        {
            var task = taskOf[id];
            using var go = new Barrier(2);
            var a = Task.Run(() => { go.SignalAndWait(); return first.PostAsync(ProjectApprovalDriver.Partner, $"/api/tasks/{task}/complete", new { outcome = "Goedkeuren" }); });
            var b = Task.Run(() => { go.SignalAndWait(); return second.PostAsync(ProjectApprovalDriver.Member, $"/api/tasks/{task}/complete", new { outcome = "Afwijzen", comment = "Tegelijk besloten" }); });
            var replies = await Task.WhenAll(a, b);
            var ok = replies.Count(r => r.Ok);
            var conflicts = replies.Count(r => r.Status == HttpStatusCode.Conflict);
            Interlocked.Add(ref serverErrors, replies.Count(r => (int)r.Status >= 500));
            if (ok == 1 && conflicts == 1)
            {
                Interlocked.Increment(ref oneWinner);
                winners[task] = replies[0].Ok ? "Goedkeuren" : "Afwijzen";
            }
            else
            {
                if (ok == 2)
                {
                    Interlocked.Increment(ref both);
                }
                else
                {
                    Interlocked.Increment(ref neither);
                }
                odd.Add($"{task}: {string.Join(", ", replies.Select(r => $"{(int)r.Status} {r.Text}"))}");
            }
        });
        figures.Add("trials", trials);
        figures.Add("one_winner", oneWinner);
        figures.MustBeZero("both_succeeded", both, odd);
        figures.MustBeZero("neither_or_other", neither, odd);
        figures.MustBeZero("server_errors", serverErrors, odd);
        figures.Seconds("race_s", racing.Elapsed);

        // The database holds each winner's decision once, and the instance went on once.
        var db = new Database(settings.ConnectionString);
        var decided = await db.QueryAsync(
            "select id, status, outcome from lsi.workflow_tasks where instance_id = any($1)",
            r => (Id: r.GetGuid(0), Status: r.GetString(1), Outcome: r.IsDBNull(2) ? null : r.GetString(2)), instances.ToArray());
        var wrongDecisions = decided.Where(t => t.Status != "Completed" || (winners.TryGetValue(t.Id, out var w) && w != t.Outcome))
            .Select(t => $"{t.Id} {t.Status} {t.Outcome}").ToList();
        figures.MustBeZero("wrong_outcome", wrongDecisions.Count, wrongDecisions);
        var repeats = await db.RepeatsAsync(
            "select instance_id, count(*) from lsi.workflow_journal where instance_id = any($1) and activity_id = 'decide' and outcome is not null group by 1 having count(*) <> 1",
            instances.ToArray());
        var unfinished = await db.CountAsync("select count(*) from lsi.workflow_instances where id = any($1) and status <> 'Finished'", instances.ToArray());
        figures.MustBeZero("duplicates", repeats.Count, repeats);
        figures.MustBeZero("unfinished", unfinished);
        figures.Seconds("total_s", clock.Elapsed);
        return figures;
    }
}
