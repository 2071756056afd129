using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace LsiWorkflow.Faults;

/// <summary>
/// The database stops for a few seconds under load and comes back. While it is away the API answers 503 with a
/// ProblemDetails that says so, quickly; once it is back the host serves again by itself within ten seconds;
/// everything the API confirmed before, during or after is in the database. The script gives the commands
/// that stop and start the cluster (FAULTS_DB_STOP, FAULTS_DB_START): a throw-away cluster of its own.
/// </summary>
public sealed class DbRestartScenario(FaultSettings settings)
{
    private const string DefinitionId = "storingsproef-race";

    private sealed record Call(DateTime Began, DateTime Ended, string What, HttpStatusCode? Status, string? Title);

    public async Task<Figures> RunAsync()
    {
        var downSeconds = settings.Int("down", 4);
        var clients = settings.Int("clients", 8);
        var restarts = settings.Int("restarts", 1);
        var stop = Environment.GetEnvironmentVariable("FAULTS_DB_STOP") ?? throw new InvalidOperationException("Set FAULTS_DB_STOP");
        var start = Environment.GetEnvironmentVariable("FAULTS_DB_START") ?? throw new InvalidOperationException("Set FAULTS_DB_START");
        var figures = new Figures();
        var clock = Stopwatch.StartNew();

        await using var host = new HostProcess("db-restart", settings, settings.BasePort);
        await host.StartAsync(TimeSpan.FromMinutes(5));
        using var api = new LsiApi([host.BaseAddress], settings.Password);
        await FaultDefinitions.PublishAsync(api, FaultDefinitions.Race);
        // Tokens first: signing in needs the database too.
        await api.GetAsync(ProjectApprovalDriver.Secretary, "/api/tasks");
        await api.GetAsync(ProjectApprovalDriver.Partner, "/api/tasks");

        var calls = new ConcurrentBag<Call>();
        var started = new ConcurrentBag<Guid>();
        var completed = new ConcurrentBag<Guid>();
        using var load = new CancellationTokenSource();
        var workers = Enumerable.Range(0, clients).Select(worker => Task.Run(async () =>
        {
            while (!load.IsCancellationRequested)
            {
                var instanceId = Guid.NewGuid();
                var began = DateTime.UtcNow;
                var (reply, _) = await api.OnceAsync(ProjectApprovalDriver.Secretary, HttpMethod.Post, $"/api/instances/{DefinitionId}", new { instanceId });
                calls.Add(Record(began, "start", reply));
                if (reply is not { Ok: true })
                {
                    await Task.Delay(100);
                    continue;
                }
                started.Add(instanceId);
                began = DateTime.UtcNow;
                (reply, _) = await api.OnceAsync(ProjectApprovalDriver.Secretary, HttpMethod.Get, $"/api/instances/{instanceId}", null);
                calls.Add(Record(began, "read", reply));
                if (reply is not { Ok: true })
                {
                    continue;
                }
                var taskId = reply.Body.GetProperty("tasks")[0].GetProperty("id").GetGuid();
                began = DateTime.UtcNow;
                (reply, _) = await api.OnceAsync(ProjectApprovalDriver.Partner, HttpMethod.Post, $"/api/tasks/{taskId}/complete", new { outcome = "Goedkeuren" });
                calls.Add(Record(began, "complete", reply));
                if (reply is { Ok: true })
                {
                    completed.Add(taskId);
                }
            }
        })).ToList();

        var outages = new List<(DateTime Down, DateTime Up)>();
        await Task.Delay(TimeSpan.FromSeconds(8));
        for (var i = 0; i < restarts; i++)
        {
            var down = DateTime.UtcNow;
            await ShellAsync(stop);
            await Task.Delay(TimeSpan.FromSeconds(downSeconds));
            await ShellAsync(start);
            outages.Add((down, DateTime.UtcNow));
            Console.Error.WriteLine($"database down {(DateTime.UtcNow - down).TotalSeconds:0.0} s");
            await Task.Delay(TimeSpan.FromSeconds(15));
        }
        await load.CancelAsync();
        await Task.WhenAll(workers);

        var all = calls.ToList();
        var recovery = outages.Select(o => all.Where(c => c.Began >= o.Up && c.Status is { } s && (int)s < 300).Select(c => c.Ended).DefaultIfEmpty(DateTime.MaxValue).Min() - o.Up).ToList();
        var during = all.Where(c => outages.Any(o => c.Began >= o.Down.AddSeconds(0.5) && c.Ended <= o.Up)).ToList();
        var unavailable = all.Where(c => c.Status == HttpStatusCode.ServiceUnavailable).ToList();
        var unclear = unavailable.Where(c => c.Title != "Database niet bereikbaar").Select(c => $"{c.What} 503 '{c.Title}'").ToList();
        var serverErrors = all.Where(c => c.Status is { } s && (int)s >= 500 && s != HttpStatusCode.ServiceUnavailable).Select(c => $"{c.What} {(int)c.Status!} {c.Title}").ToList();
        var noAnswer = all.Where(c => c.Status is null).Select(c => $"{c.What} no answer").ToList();
        var slow = during.Where(c => c.Ended - c.Began > TimeSpan.FromSeconds(2)).Select(c => $"{c.What} {(c.Ended - c.Began).TotalSeconds:0.0} s").ToList();
        var duringOk = during.Count(c => c.Status is { } s && (int)s < 300);

        // Everything confirmed is there.
        var db = new Database(settings.ConnectionString);
        var instances = await db.CountAsync("select count(*) from lsi.workflow_instances where id = any($1)", started.ToArray());
        var decided = await db.CountAsync("select count(*) from lsi.workflow_tasks where id = any($1) and status = 'Completed'", completed.ToArray());
        using var probe = new HttpClient { BaseAddress = host.BaseAddress };
        using var ready = await probe.GetAsync(new Uri("/health/ready", UriKind.Relative));

        figures.Add("restarts", outages.Count);
        figures.Seconds("down_s", outages.Select(o => o.Up - o.Down).DefaultIfEmpty().Max());
        figures.Add("requests", all.Count);
        figures.Add("refused_503", unavailable.Count);
        figures.Add("ok_while_down", duringOk);
        figures.Add("max_503_ms", unavailable.Count == 0 ? 0 : (int)unavailable.Max(c => (c.Ended - c.Began).TotalMilliseconds));
        figures.Add("recovery_s", Math.Round(recovery.DefaultIfEmpty().Max().TotalSeconds, 2));
        figures.Add("refused_after_up", unavailable.Count(c => outages.Any(o => c.Began >= o.Up)));
        if (recovery.Any(r => r > TimeSpan.FromSeconds(10)))
        {
            figures.Problem($"recovery took {recovery.Max().TotalSeconds:0.0} s (more than 10 s)");
        }
        if (unavailable.Count == 0)
        {
            figures.Problem("no request met the stopped database: no 503 to judge");
        }
        figures.MustBeZero("unclear_503", unclear.Count, unclear);
        figures.MustBeZero("server_errors", serverErrors.Count, serverErrors);
        figures.MustBeZero("no_answer", noAnswer.Count, noAnswer);
        figures.MustBeZero("slow_while_down", slow.Count, slow);
        figures.Add("confirmed_starts", started.Count);
        figures.Add("confirmed_decisions", completed.Count);
        figures.MustBeZero("lost", started.Count - instances + completed.Count - decided);
        figures.Add("ready_after", (int)ready.StatusCode);
        figures.Add("host_alive", host.IsRunning);
        if (!host.IsRunning || !ready.IsSuccessStatusCode)
        {
            figures.Problem("the host did not come back to ready");
        }
        figures.Seconds("total_s", clock.Elapsed);
        return figures;
    }

    private static Call Record(DateTime began, string what, Reply? reply) =>
        new(began, DateTime.UtcNow, what, reply?.Status,
            reply is { Ok: false } && reply.Body.ValueKind == System.Text.Json.JsonValueKind.Object && reply.Body.TryGetProperty("title", out var title) ? title.GetString() : null);

    private static async Task ShellAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { UseShellExecute = false })
            ?? throw new InvalidOperationException($"could not run {command}");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command}' ended with {process.ExitCode}");
        }
    }
}
