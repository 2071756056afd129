using System.Diagnostics;
using System.Globalization;
using LsiWorkflow.Durable.Benchmarks;

// Durable throughput of the engine on PostgreSQL, measured in the same run against: pgbench's tpcb-like transaction, the
// same workflow with one Hangfire job per step, WorkflowCore running it in memory (the peer), and the SQL one workflow
// sends replayed by pgbench (the limit of this workload on this database).
var options = BenchmarkOptions.Parse(args);
if (options.CaptureChild)
{
    // The capture's own process (see SqlReplay.CaptureInChildAsync): the database is ready, the script is written here.
    Console.WriteLine(SqlReplay.Describe(await SqlReplay.CaptureAsync(options)));
    return 0;
}
Console.Error.WriteLine($"clients={options.Clients} seconds={options.Seconds} rounds={options.Rounds} database={options.Database} " +
    $"pgbench_database={options.PgBenchDatabase} output={options.OutputDirectory}");
var total = Stopwatch.StartNew();

await EngineWorkload.RecreateDatabasesAsync(options);
if (options.CaptureOnly)
{
    // Writes and checks the replay script, nothing else: for reading what one workflow sends.
    await using var captureEngine = await EngineWorkload.CreateAsync(options);
    var script = await SqlReplay.CaptureInChildAsync(options);
    Console.WriteLine($"replay_script={script.Path}");
    return 0;
}
var pgbench = PgBench.Tps(await PgBench.InitAndRunTpcbAsync(options));
Console.Error.WriteLine($"pgbench tpcb-like: {pgbench:0.0} tps");

await using var engine = await EngineWorkload.CreateAsync(options);
await engine.WarmUpAsync();

var replay = await SqlReplay.CaptureInChildAsync(options);
await using var peer = await WorkflowCorePeer.StartAsync(options);

// The workloads take turns, round after round, so that a slow spell of the machine weighs on all of them; the round with
// the median ratio to the Hangfire baseline is reported, and the peer's median with its ratio.
var rounds = new List<(EngineResult Engine, double PerStep, double Ratio, double Peer)>();
for (var round = 1; round <= options.Rounds; round++)
{
    var engineResult = await engine.MeasureEngineAsync();
    var perStep = await engine.MeasureHangfirePerStepAsync();
    var peerResult = await peer.MeasureAsync();
    var ratio = engineResult.WorkflowsPerSecond / Math.Max(perStep, 0.001);
    rounds.Add((engineResult, perStep, ratio, peerResult));
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"round {round}: engine {engineResult.WorkflowsPerSecond:0.0} workflows/s (completion p50 {engineResult.P50Ms:0.0} ms, p95 {engineResult.P95Ms:0.0} ms, {engineResult.CpuMsPerWorkflow:0.00} ms CPU per workflow in this process), hangfire job per step {perStep:0.00} workflows/s, ratio {ratio:0.0}; workflowcore in memory {peerResult:0.0} instances/s, ratio {engineResult.WorkflowsPerSecond / peerResult:0.00}"));
}
var ordered = rounds.OrderBy(r => r.Ratio).ToList();
var (result, hangfire, median, _) = ordered[ordered.Count / 2];
var peerRatios = rounds.Select(r => r.Engine.WorkflowsPerSecond / r.Peer).Order().ToList();
var peerMedian = rounds.Select(r => r.Peer).Order().ElementAt(rounds.Count / 2);

var prepared = await SqlReplay.RunAsync(options, replay, "prepared");
Console.Error.WriteLine($"sql replay, prepared: {prepared:0.0} workflows/s");
var simple = await SqlReplay.RunAsync(options, replay, "simple");
Console.Error.WriteLine($"sql replay, simple: {simple:0.0} workflows/s");
Console.Error.WriteLine($"whole run: {total.Elapsed.TotalSeconds:0} s");

var line = string.Create(CultureInfo.InvariantCulture,
    $"workflows_per_s={result.WorkflowsPerSecond:0.0} p50_ms={result.P50Ms:0.0} p95_ms={result.P95Ms:0.0} " +
    $"pgbench_tps={pgbench:0.0} ratio_vs_pgbench={result.WorkflowsPerSecond / pgbench:0.00} " +
    $"hangfire_per_step_per_s={hangfire:0.00} ratio_vs_hangfire_per_step={median:0.0} " +
    $"ratio_vs_hangfire_per_step_min={ordered[0].Ratio:0.0} ratio_vs_hangfire_per_step_max={ordered[^1].Ratio:0.0} " +
    $"engine_cpu_ms_per_workflow={result.CpuMsPerWorkflow:0.00} " +
    $"sql_replay_prepared_tps={prepared:0.0} sql_replay_simple_tps={simple:0.0} ratio_vs_sql_replay={result.WorkflowsPerSecond / prepared:0.00} " +
    $"workflowcore_inmemory_per_s={peerMedian:0.0} ratio_vs_workflowcore={peerRatios[peerRatios.Count / 2]:0.00} " +
    $"clients={options.Clients} rounds={options.Rounds}");
Console.WriteLine(line);
return 0;

namespace LsiWorkflow.Durable.Benchmarks
{
    /// <param name="Database">Recreated by each run, as is <paramref name="PgBenchDatabase"/>: never name one that others use.</param>
    /// <param name="OutputDirectory">Where the run writes its files (the replay script).</param>
    /// <param name="PeerInstances">Instances per round of the WorkflowCore peer.</param>
    /// <param name="CaptureOnly">Only write and check the replay script.</param>
    /// <param name="CaptureChild">Run as the capture's child process on a database that is ready.</param>
    internal sealed record BenchmarkOptions(
        int Clients, int Seconds, int Rounds, string ConnectionString, string Database, string PgBenchDatabase, string OutputDirectory, int PeerInstances,
        bool CaptureOnly, bool CaptureChild)
    {
        public static BenchmarkOptions Parse(string[] args)
        {
            string? Text(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            int Value(string name, int fallback) => Text(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
            var database = Text("--database") ?? Environment.GetEnvironmentVariable("LSI_BENCH_DATABASE") ?? "lsi_bench";
            var pgbenchDatabase = Text("--pgbench-database") ?? database + "_pgbench";
            foreach (var name in new[] { database, pgbenchDatabase })
            {
                if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z_][a-z0-9_]*$"))
                {
                    throw new ArgumentException($"Database name '{name}': lower-case letters, digits and underscores only.");
                }
            }
            // The same variable the other benchmarks read; this one always works in its own two databases.
            var connection = new Npgsql.NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__LsiBench")
                ?? "Host=127.0.0.1;Port=55432;Username=lsi")
            {
                Database = database,
                MaxPoolSize = 64,
            };
            var rounds = Value("--rounds", 3);
            var peerInstances = Value("--peer-instances", 5000);
            if (rounds < 1 || peerInstances < 1)
            {
                throw new ArgumentException("--rounds and --peer-instances must be at least 1.");
            }
            var output = Path.GetFullPath(Text("--output") ?? Path.Combine(RepositoryRoot(), ".local", "bench"));
            return new BenchmarkOptions(Value("--clients", 16), Value("--seconds", 20), rounds, connection.ConnectionString, database, pgbenchDatabase,
                output, peerInstances, args.Contains("--capture-only"), args.Contains("--capture-child"));
        }

        /// <summary>The checkout this runs from (git ignores its .local folder), else the working directory.</summary>
        private static string RepositoryRoot()
        {
            for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "LsiWorkflow.sln")))
                {
                    return directory.FullName;
                }
            }
            return Environment.CurrentDirectory;
        }
    }

    internal static class PgBench
    {
        /// <summary>pgbench's built-in tpcb-like transaction, same client count, same server.</summary>
        public static async Task<string> InitAndRunTpcbAsync(BenchmarkOptions options)
        {
            await RunAsync(options, $"-i -q -s {options.Clients} {options.PgBenchDatabase}");
            return await RunAsync(options, $"-c {options.Clients} -j 2 -T {options.Seconds} -b tpcb-like -n {options.PgBenchDatabase}");
        }

        /// <summary>Runs pgbench against the benchmark's server; a run with failed or aborted transactions is an error.</summary>
        public static async Task<string> RunAsync(BenchmarkOptions options, string arguments, string? application = null)
        {
            var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pgbench")).Where(File.Exists).Order().LastOrDefault()
                ?? throw new InvalidOperationException("pgbench not found under /usr/lib/postgresql/*/bin");
            var connection = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString);
            var start = new ProcessStartInfo(bin, $"-h {connection.Host} -p {connection.Port} -U {connection.Username} {arguments}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            if (application is not null)
            {
                start.Environment["PGAPPNAME"] = application;
            }
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var text = await output + await error;
            var failed = text.Split('\n').FirstOrDefault(l => l.StartsWith("number of failed transactions: ", StringComparison.Ordinal));
            if (process.ExitCode != 0 || (failed is not null && !failed.StartsWith("number of failed transactions: 0 ", StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"pgbench {arguments} failed:\n{text}");
            }
            return text;
        }

        public static double Tps(string output)
        {
            var tps = output.Split('\n').First(l => l.StartsWith("tps = ", StringComparison.Ordinal));
            return double.Parse(tps["tps = ".Length..].Split(' ')[0], CultureInfo.InvariantCulture);
        }
    }
}
