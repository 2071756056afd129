using System.Diagnostics;
using System.Globalization;
using LsiWorkflow.Durable.Benchmarks;

// Durable throughput of the engine on PostgreSQL, measured against two baselines in the same run:
// pgbench's tpcb-like transaction and the same workflow with one Hangfire job per step.
var options = BenchmarkOptions.Parse(args);
Console.Error.WriteLine($"clients={options.Clients} seconds={options.Seconds} rounds={options.Rounds} database={options.Database}");

await EngineWorkload.RecreateDatabasesAsync(options);
var pgbench = await PgBench.RunAsync(options);
Console.Error.WriteLine($"pgbench tpcb-like: {pgbench:0.0} tps");

await using var engine = await EngineWorkload.CreateAsync(options);
await engine.WarmUpAsync();

// The two workloads take turns, round after round, so that a slow spell of the machine weighs on both; the round with
// the median ratio is reported.
var rounds = new List<(EngineResult Engine, double PerStep, double Ratio)>();
for (var round = 1; round <= options.Rounds; round++)
{
    var engineResult = await engine.MeasureEngineAsync();
    var perStep = await engine.MeasureHangfirePerStepAsync();
    var ratio = engineResult.WorkflowsPerSecond / Math.Max(perStep, 0.001);
    rounds.Add((engineResult, perStep, ratio));
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"round {round}: engine {engineResult.WorkflowsPerSecond:0.0} workflows/s (completion p50 {engineResult.P50Ms:0.0} ms, p95 {engineResult.P95Ms:0.0} ms, {engineResult.CpuMsPerWorkflow:0.00} ms CPU per workflow in this process), hangfire job per step {perStep:0.00} workflows/s, ratio {ratio:0.0}"));
}
var ordered = rounds.OrderBy(r => r.Ratio).ToList();
var (result, hangfire, median) = ordered[ordered.Count / 2];

var line = string.Create(CultureInfo.InvariantCulture,
    $"workflows_per_s={result.WorkflowsPerSecond:0.0} p50_ms={result.P50Ms:0.0} p95_ms={result.P95Ms:0.0} " +
    $"pgbench_tps={pgbench:0.0} ratio_vs_pgbench={result.WorkflowsPerSecond / pgbench:0.00} " +
    $"hangfire_per_step_per_s={hangfire:0.00} ratio_vs_hangfire_per_step={median:0.0} " +
    $"ratio_vs_hangfire_per_step_min={ordered[0].Ratio:0.0} ratio_vs_hangfire_per_step_max={ordered[^1].Ratio:0.0} " +
    $"engine_cpu_ms_per_workflow={result.CpuMsPerWorkflow:0.00} clients={options.Clients} rounds={options.Rounds}");
Console.WriteLine(line);
return 0;

namespace LsiWorkflow.Durable.Benchmarks
{
    internal sealed record BenchmarkOptions(int Clients, int Seconds, int Rounds, string ConnectionString, string Database, string PgBenchDatabase)
    {
        public static BenchmarkOptions Parse(string[] args)
        {
            int Value(string name, int fallback) =>
                args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
            // The same variable the other benchmarks read; this one always works in its own two databases.
            var connection = new Npgsql.NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__LsiBench")
                ?? "Host=127.0.0.1;Port=55432;Username=lsi")
            {
                Database = "lsi_bench",
                MaxPoolSize = 64,
            };
            var rounds = Value("--rounds", 3);
            if (rounds < 1)
            {
                throw new ArgumentException("--rounds must be at least 1.");
            }
            return new BenchmarkOptions(Value("--clients", 16), Value("--seconds", 20), rounds, connection.ConnectionString, "lsi_bench", "lsi_bench_pgbench");
        }
    }

    internal static class PgBench
    {
        /// <summary>pgbench's built-in tpcb-like transaction, same client count, same server.</summary>
        public static async Task<double> RunAsync(BenchmarkOptions options)
        {
            var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pgbench")).Where(File.Exists).Order().LastOrDefault()
                ?? throw new InvalidOperationException("pgbench not found under /usr/lib/postgresql/*/bin");
            var connection = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString);
            var common = $"-h {connection.Host} -p {connection.Port} -U {connection.Username}";
            await RunAsync(bin, $"-i -q -s {options.Clients} {common} {options.PgBenchDatabase}");
            var output = await RunAsync(bin, $"-c {options.Clients} -j 2 -T {options.Seconds} -b tpcb-like -n {common} {options.PgBenchDatabase}");
            var tps = output.Split('\n').First(l => l.StartsWith("tps = ", StringComparison.Ordinal));
            return double.Parse(tps["tps = ".Length..].Split(' ')[0], CultureInfo.InvariantCulture);
        }

        private static async Task<string> RunAsync(string file, string arguments)
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"pgbench {arguments} failed: {error}");
            }
            return output + error;
        }
    }
}
