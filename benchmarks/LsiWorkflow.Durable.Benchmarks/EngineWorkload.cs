using System.Collections.Concurrent;
using System.Diagnostics;
using Hangfire;
using LsiWorkflow.Host.Features.Designer;
using LsiWorkflow.Host.Features.Instances;
using LsiWorkflow.Host.Features.Tasks;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.Startup;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LsiWorkflow.Durable.Benchmarks;

/// <summary>One round of the engine; <c>CpuMsPerWorkflow</c> is this process's CPU time (client loop, use cases, EF Core, Hangfire) per completed workflow.</summary>
internal sealed record EngineResult(double WorkflowsPerSecond, double P50Ms, double P95Ms, double CpuMsPerWorkflow);

/// <summary>
/// The host's own services (EF Core, Mediator use cases, Hangfire) on a fresh database; clients call the use
/// cases as the API would, each call in its own scope.
/// </summary>
internal sealed class EngineWorkload : IAsyncDisposable
{
    private const string DefinitionId = "bench-approval";

    private static readonly Actor Partner = new("bench-uwv", "UWV", new HashSet<string> { Roles.Partner });
    private static readonly Actor Secretary = new("bench-secretaris", "SZW", new HashSet<string> { Roles.Secretary });

    private readonly IHost host;
    private readonly BenchmarkOptions options;

    private readonly bool started;

    private EngineWorkload(IHost host, BenchmarkOptions options, bool started)
    {
        this.host = host;
        this.options = options;
        this.started = started;
    }

    public static async Task<EngineWorkload> CreateAsync(BenchmarkOptions options)
    {
        var host = BuildHost(options.ConnectionString, options.Clients, hangfireServer: true);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<LsiDbContext>().Database.MigrateAsync();
        }
        await host.StartAsync();
        var workload = new EngineWorkload(host, options, started: true);
        await workload.SendAsync(new SaveDraft(Definition, null, Secretary));
        await workload.SendAsync(new PublishDefinition(DefinitionId, Secretary));
        await PerStepJobs.CreateTableAsync(host.Services.GetRequiredService<NpgsqlDataSource>());
        return workload;
    }

    /// <summary>
    /// The same services on another connection string, for running single workflows on a database that
    /// <see cref="CreateAsync"/> has prepared. The host is not started: no Hangfire server or other background work
    /// sends anything on its connections.
    /// </summary>
    public static EngineWorkload Attach(BenchmarkOptions options, string connectionString) =>
        new(BuildHost(connectionString, options.Clients, hangfireServer: false), options, started: false);

    private static IHost BuildHost(string connectionString, int workers, bool hangfireServer)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Lsi"] = connectionString,
            ["Hangfire:WorkerCount"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hangfire:Server"] = hangfireServer ? "true" : "false",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddLsiServices();
        builder.Services.AddScoped<PerStepJobs>();
        return builder.Build();
    }

    /// <summary>One client's workflow: start an instance, find its task, complete it; returns the completion's time in ms.</summary>
    public async Task<double> RunWorkflowAsync()
    {
        var started = await SendAsync(new StartInstance(DefinitionId, null, null, null, Secretary));
        var taskId = await FindTaskAsync(started.InstanceId);
        var before = Stopwatch.GetTimestamp();
        var done = await SendAsync(new DecideTask(taskId, "Goedkeuren", null, null, Partner));
        var elapsed = Stopwatch.GetElapsedTime(before).TotalMilliseconds;
        if (done.Status != "Finished")
        {
            throw new InvalidOperationException($"Instance {done.InstanceId} ended as {done.Status}.");
        }
        return elapsed;
    }

    /// <summary>Closes this host's idle database connections, so that their backends end and hand in their statistics.</summary>
    public void ClearConnectionPool() => host.Services.GetRequiredService<NpgsqlDataSource>().Clear();

    /// <summary>Warms both workloads, so that every measured round runs settled code.</summary>
    public async Task WarmUpAsync()
    {
        await WarmUpAsync("engine", duration => RunClientsAsync(duration, _ => { }));
        await WarmUpAsync("hangfire job per step", RunPerStepClientsAsync);
    }

    /// <summary>Each client starts an instance, finds its task and completes it, as long as the round lasts.</summary>
    public async Task<EngineResult> MeasureEngineAsync()
    {
        var latencies = new ConcurrentBag<double>();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var (completed, elapsed) = await RunClientsAsync(TimeSpan.FromSeconds(options.Seconds), latencies.Add);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var sorted = latencies.Order().ToArray();
        return new EngineResult(completed / elapsed.TotalSeconds, Percentile(sorted, 0.50), Percentile(sorted, 0.95),
            cpu.TotalMilliseconds / Math.Max(completed, 1));
    }

    /// <summary>The same workflow with each step a Hangfire job; clients wait for each step as a person would.</summary>
    public async Task<double> MeasureHangfirePerStepAsync()
    {
        var (completed, elapsed) = await RunPerStepClientsAsync(TimeSpan.FromSeconds(options.Seconds));
        return completed / elapsed.TotalSeconds;
    }

    /// <summary>
    /// Runs a workload for two seconds at a time until the JIT has settled. With both cores busy, tiered compilation takes tens
    /// of seconds to replace the first, instrumented code, and a host that has served for a while runs the final code;
    /// both workloads are measured that way.
    /// </summary>
    private static async Task WarmUpAsync(string name, Func<TimeSpan, Task> round)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < MaxWarmUp)
        {
            var compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
            await round(TimeSpan.FromSeconds(2));
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - compiledBefore;
            if (compiled < SettledMethodsPerRound)
            {
                Console.Error.WriteLine($"{name}: warm after {clock.Elapsed.TotalSeconds:0} s");
                return;
            }
        }
        Console.Error.WriteLine($"{name}: the JIT had not settled after {MaxWarmUp.TotalSeconds:0} s of warm-up");
    }

    private static readonly TimeSpan MaxWarmUp = TimeSpan.FromSeconds(120);
    private const int SettledMethodsPerRound = 25;

    private async Task<(int Completed, TimeSpan Elapsed)> RunClientsAsync(TimeSpan duration, Action<double> latency)
    {
        var completed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                latency(await RunWorkflowAsync());
                Interlocked.Increment(ref completed);
            }
        })));
        return (completed, clock.Elapsed);
    }

    private async Task<(int Completed, TimeSpan Elapsed)> RunPerStepClientsAsync(TimeSpan duration)
    {
        var jobs = host.Services.GetRequiredService<IBackgroundJobClient>();
        var data = host.Services.GetRequiredService<NpgsqlDataSource>();
        var completed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var id = Guid.NewGuid();
                await PerStepJobs.InsertAsync(data, id);
                jobs.Enqueue<PerStepJobs>(j => j.StartAsync(id));
                await PerStepJobs.WaitForStepAsync(data, id, "waiting");
                jobs.Enqueue<PerStepJobs>(j => j.CompleteTaskAsync(id));
                await PerStepJobs.WaitForStepAsync(data, id, "finished");
                Interlocked.Increment(ref completed);
            }
        })));
        return (completed, clock.Elapsed);
    }

    /// <summary>
    /// The client learns its task's id as a client of the API would, with one query to the database; a plain one, as
    /// this stands in for another process and its cost is not the engine's.
    /// </summary>
    private async Task<Guid> FindTaskAsync(Guid instanceId)
    {
        await using var command = host.Services.GetRequiredService<NpgsqlDataSource>()
            .CreateCommand("select id from lsi.workflow_tasks where instance_id = $1");
        command.Parameters.AddWithValue(instanceId);
        return (Guid)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"Instance {instanceId} has no task."));
    }

    private Task<T> SendAsync<T>(ICommand<T> command) => InScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(command).AsTask());

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>Fresh databases each run, so earlier runs do not weigh on this one.</summary>
    public static async Task RecreateDatabasesAsync(BenchmarkOptions options)
    {
        var admin = new NpgsqlConnectionStringBuilder(options.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        foreach (var database in new[] { options.Database, options.PgBenchDatabase })
        {
            await using (var drop = new NpgsqlCommand($"drop database if exists \"{database}\" with (force)", connection))
            {
                await drop.ExecuteNonQueryAsync();
            }
            await using var create = new NpgsqlCommand($"create database \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (started)
        {
            await host.StopAsync();
        }
        host.Dispose();
    }

    private const string Definition = """
        {
          "schemaVersion": 1, "id": "bench-approval", "name": "Benchmark: goedkeuring", "version": 1, "variables": [],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "approve", "type": "HumanTask", "properties": { "title": "Keur goed", "assignee": { "organisations": ["UWV"] }, "outcomes": ["Goedkeuren", "Afwijzen"] } },
            { "id": "decide", "type": "Decision", "properties": { "condition": "activities.approve.outcome == \"Goedkeuren\"" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "target": "approve" },
            { "source": "approve", "outcome": "Goedkeuren", "target": "decide" },
            { "source": "approve", "outcome": "Afwijzen", "target": "decide" },
            { "source": "decide", "outcome": "True", "target": "end" },
            { "source": "decide", "outcome": "False", "target": "end" }
          ]
        }
        """;
}
