using System.Globalization;
using LsiWorkflow.WorkflowCore.Benchmarks;

// WorkflowCore 3.22 running the durable benchmark's approval (start, wait for the decision as an event, decide, end) in
// memory: its default in-memory persistence, queue and lock providers. Alone it warms up, runs --rounds rounds and prints
// the median; with --serve (as the durable benchmark starts it) it warms up, says "ready" and runs a round for each
// "round" line on its input, until "exit".
var options = PeerOptions.Parse(args);
var peer = new ApprovalPeer(options);
await peer.WarmUpAsync();

if (options.Serve)
{
    Console.WriteLine("ready");
    while (Console.ReadLine() is { } command && command != "exit")
    {
        var round = await peer.MeasureAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"round per_s={round.PerSecond:0.0} instances={round.Instances} seconds={round.Seconds:0.00} cpu_ms_per_instance={round.CpuMsPerInstance:0.00}"));
    }
}
else
{
    var rounds = new List<double>();
    for (var i = 1; i <= options.Rounds; i++)
    {
        var round = await peer.MeasureAsync();
        rounds.Add(round.PerSecond);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"round {i}: {round.PerSecond:0.0} instances/s ({round.Instances} instances in {round.Seconds:0.00} s, {round.CpuMsPerInstance:0.00} ms CPU per instance)"));
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"workflowcore_inmemory_per_s={rounds.Order().ElementAt(rounds.Count / 2):0.0} rounds_per_s={string.Join('/', rounds.Select(r => r.ToString("0.0", CultureInfo.InvariantCulture)))} clients={options.Clients} instances={options.Instances} max_concurrent_workflows={options.MaxConcurrentWorkflows} idle_ms={options.IdleMs}"));
}

// A WorkflowCore host that did not stop leaves its threads behind; they must not keep the process alive.
Environment.Exit(0);

namespace LsiWorkflow.WorkflowCore.Benchmarks
{
    /// <param name="Clients">Clients starting and resuming instances at once.</param>
    /// <param name="Instances">Instances per round.</param>
    /// <param name="Rounds">Rounds to run.</param>
    /// <param name="Serve">Whether to wait for the parent's commands instead of running the rounds at once.</param>
    /// <param name="MaxConcurrentWorkflows">
    /// Instances WorkflowCore runs at once; by default one per client, as the engine runs each client's call at once
    /// (WorkflowCore's own default is the processor count, at least 4, which throttles 16 clients).
    /// </param>
    /// <param name="IdleMs">
    /// How long WorkflowCore's queue consumers sleep when their queue is empty or they are at their limit; by default
    /// 1 ms (WorkflowCore's own default, 100 ms, puts up to 100 ms between an instance's steps when the queue runs dry).
    /// </param>
    internal sealed record PeerOptions(int Clients, int Instances, int Rounds, bool Serve, int MaxConcurrentWorkflows, int IdleMs)
    {
        public static PeerOptions Parse(string[] args)
        {
            int Value(string name, int fallback) =>
                args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
            var clients = Value("--clients", 16);
            var options = new PeerOptions(clients, Value("--instances", 5000), Value("--rounds", 3), args.Contains("--serve"),
                Value("--max-concurrent-workflows", clients), Value("--idle-ms", 1));
            return options.Clients < 1 || options.Instances < 1 || options.Rounds < 1 || options.MaxConcurrentWorkflows < 1 || options.IdleMs < 0
                ? throw new ArgumentException("--clients, --instances, --rounds and --max-concurrent-workflows must be at least 1, --idle-ms at least 0.")
                : options;
        }
    }
}
