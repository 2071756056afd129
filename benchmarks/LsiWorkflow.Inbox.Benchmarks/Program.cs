using System.Diagnostics;
using System.Globalization;
using LsiWorkflow.Host.Features.Tasks;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Scheduling;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LsiWorkflow.Inbox.Benchmarks;

/// <summary>
/// dotnet run -c Release --project benchmarks/LsiWorkflow.Inbox.Benchmarks -- reminders|inbox
/// Each run ends by printing its figures as key=value on one line.
/// </summary>
internal static class InboxBenchmarks
{
    public static async Task<int> Main(string[] args)
    {
        var which = args.FirstOrDefault() ?? "reminders";
        await BenchmarkHost.PrepareDatabaseAsync();
        await using var host = new BenchmarkHost();
        _ = host.Server; // starts the host, its Hangfire server included
        await host.EnsureUserAsync("bench.uwv", "UWV", Roles.Partner);
        var line = which switch
        {
            "reminders" => await RemindersAsync(host, count: int.Parse(Environment.GetEnvironmentVariable("BENCH_REMINDERS") ?? "10000", CultureInfo.InvariantCulture)),
            "inbox" => await InboxQueryAsync(host, instances: 100_000, tasksPerInstance: 10),
            _ => throw new ArgumentException($"Unknown benchmark '{which}': reminders or inbox."),
        };
        Console.WriteLine(line);
        return 0;
    }


    // 10,000 reminders due in the same second, to one partner each: fired by the real timer job (woken by
    // Hangfire), dispatched by the real outbox into in-app rows and .eml files. Times are from the due moment.
    private static async Task<string> RemindersAsync(BenchmarkHost host, int count)
    {
        var now = DateTimeOffset.UtcNow;
        var taskIds = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        await using (var connection = new NpgsqlConnection(BenchmarkHost.ConnectionString))
        {
            await connection.OpenAsync();
            await Rows.CopyTasksAsync(connection, taskIds.Select(id => (id, Guid.NewGuid(), "UWV", true, now.AddDays(3))), now);
        }
        var due = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddSeconds(5);
        await using (var connection = new NpgsqlConnection(BenchmarkHost.ConnectionString))
        {
            await connection.OpenAsync();
            await Rows.CopyReminderTimersAsync(connection, taskIds, due, now);
        }
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IWorkflowScheduler>().WakeAtAsync([due], CancellationToken.None);
        }

        double? firstSeconds = null, rowsSeconds = null, mailsSeconds = null;
        var giveUp = due.AddSeconds(120);
        while (DateTimeOffset.UtcNow < giveUp && (rowsSeconds is null || mailsSeconds is null))
        {
            await Task.Delay(100);
            var since = (DateTimeOffset.UtcNow - due).TotalSeconds;
            long rows;
            await using (var connection = new NpgsqlConnection(BenchmarkHost.ConnectionString))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("select count(*) from lsi.inbox_notifications where user_name = 'bench.uwv'", connection);
                rows = (long)(await command.ExecuteScalarAsync())!;
            }
            var mails = Directory.Exists(host.PickupFolder) ? Directory.EnumerateFiles(host.PickupFolder, "*.eml").Count() : 0;
            if (rows > 0 && firstSeconds is null)
            {
                firstSeconds = since;
            }
            if (rows >= count && rowsSeconds is null)
            {
                rowsSeconds = since;
            }
            if (mails >= count && mailsSeconds is null)
            {
                mailsSeconds = since;
            }
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"benchmark=reminders reminders={count} first_s={firstSeconds:F2} all_rows_s={rowsSeconds:F2} all_mails_s={mailsSeconds:F2} within_30s={(rowsSeconds <= 30 && mailsSeconds <= 30 ? "yes" : "no")} first_within_5s={(firstSeconds <= 5 ? "yes" : "no")}");
    }

    // One partner's inbox among 1,000,000 tasks of 100,000 instances (ten organisations, one task in ten open):
    // the ListOpenTasks use case, timed as the API and the page call it.
    private static async Task<string> InboxQueryAsync(BenchmarkHost host, int instances, int tasksPerInstance)
    {
        var now = DateTimeOffset.UtcNow;
        var random = new Random(42);
        var instanceIds = Enumerable.Range(0, instances).Select(_ => Guid.NewGuid()).ToList();
        var load = Stopwatch.StartNew();
        await using (var connection = new NpgsqlConnection(BenchmarkHost.ConnectionString))
        {
            await connection.OpenAsync();
            await Rows.CopyInstancesAsync(connection, instanceIds, now);
            await Rows.CopyTasksAsync(connection,
                instanceIds.SelectMany(instance => Enumerable.Range(0, tasksPerInstance).Select(i =>
                    (Guid.NewGuid(), instance, Rows.Organisations[i % Rows.Organisations.Length], random.Next(10) == 0, now.AddHours(random.Next(-24 * 30, 24 * 60))))),
                now);
            await using var analyze = new NpgsqlCommand("analyze lsi.workflow_tasks; analyze lsi.workflow_instances", connection);
            await analyze.ExecuteNonQueryAsync();
        }
        var loadSeconds = load.Elapsed.TotalSeconds;

        var actor = new Actor("bench.uwv", "UWV", new HashSet<string> { Roles.Partner });
        var timings = new List<double>();
        var returned = 0;
        for (var i = 0; i < 220; i++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var watch = Stopwatch.StartNew();
            var tasks = await mediator.Send(new ListOpenTasks(actor));
            watch.Stop();
            returned = tasks.Count;
            if (i >= 20) // warm-up: connections, plans, JIT
            {
                timings.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        timings.Sort();
        double Percentile(double p) => timings[(int)Math.Ceiling(p * timings.Count) - 1];
        return string.Create(CultureInfo.InvariantCulture,
            $"benchmark=inbox tasks={instances * tasksPerInstance} instances={instances} returned={returned} load_s={loadSeconds:F1} p50_ms={Percentile(0.50):F2} p95_ms={Percentile(0.95):F2} max_ms={timings[^1]:F2}");
    }
}
