using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowCore.Interface;
using WorkflowCore.Models;
using WorkflowCore.Models.LifeCycleEvents;
using WorkflowCore.Primitives;

namespace LsiWorkflow.WorkflowCore.Benchmarks;

internal sealed record PeerRound(double PerSecond, int Instances, double Seconds, double CpuMsPerInstance);

/// <summary>
/// Drives the approval on WorkflowCore as the durable benchmark's clients drive the engine: each client starts an
/// instance, waits until its task is open, sends the decision as an event and waits until the instance has finished.
/// Every round gets a new WorkflowCore host: its in-memory store looks instances up by scanning lists, so a store that
/// kept earlier rounds' instances would slow the later rounds down.
/// </summary>
internal sealed class ApprovalPeer(PeerOptions options)
{
    private const int WarmUpInstances = 1000;
    private const int SettledMethodsPerRun = 25;
    private static readonly TimeSpan MaxWarmUp = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan InstanceTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Runs of a thousand instances on one host until the JIT has settled (fewer than 25 methods compiled in a run), at
    /// most two minutes. One host, because every new host compiles its own expressions and service resolvers.
    /// </summary>
    public async Task WarmUpAsync()
    {
        var clock = Stopwatch.StartNew();
        var signals = new Signals();
        var (provider, host) = await StartHostAsync(signals);
        var settled = false;
        while (!settled && clock.Elapsed < MaxWarmUp)
        {
            var compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
            await DriveAsync(host, signals, WarmUpInstances);
            settled = System.Runtime.JitInfo.GetCompiledMethodCount() - compiledBefore < SettledMethodsPerRun;
        }
        await StopHostAsync(host, provider);
        Console.Error.WriteLine(settled
            ? $"workflowcore: warm after {clock.Elapsed.TotalSeconds:0} s"
            : $"workflowcore: the JIT had not settled after {MaxWarmUp.TotalSeconds:0} s of warm-up");
    }

    /// <summary>A round on a new host: instances finished per second, and this process's CPU time per instance.</summary>
    public async Task<PeerRound> MeasureAsync()
    {
        var signals = new Signals();
        var (provider, host) = await StartHostAsync(signals);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var elapsed = await DriveAsync(host, signals, options.Instances);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        await StopHostAsync(host, provider);
        return new PeerRound(options.Instances / elapsed.TotalSeconds, options.Instances, elapsed.TotalSeconds, cpu.TotalMilliseconds / options.Instances);
    }

    private async Task<TimeSpan> DriveAsync(IWorkflowHost host, Signals signals, int instances)
    {
        var approvedBefore = signals.Approved;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < instances)
            {
                var key = Guid.NewGuid().ToString("N");
                var pending = signals.Expect(key);
                await host.StartWorkflow(ApprovalWorkflow.Name, ApprovalWorkflow.Revision, new ApprovalData { Key = key }, reference: key);
                await pending.Opened.Task.WaitAsync(InstanceTimeout);
                await host.PublishEvent(ApprovalWorkflow.DecisionEvent, key, "Goedkeuren");
                await pending.Finished.Task.WaitAsync(InstanceTimeout);
                signals.Forget(key);
            }
        })));
        var elapsed = clock.Elapsed;
        if (signals.Approved - approvedBefore != instances)
        {
            throw new InvalidOperationException($"{signals.Approved - approvedBefore} of {instances} instances were approved.");
        }
        return elapsed;
    }

    private async Task<(ServiceProvider Provider, IWorkflowHost Host)> StartHostAsync(Signals signals)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddWorkflow(workflow =>
        {
            workflow.UseMaxConcurrentWorkflows(options.MaxConcurrentWorkflows);
            workflow.UseIdleTime(TimeSpan.FromMilliseconds(options.IdleMs));
        });
        services.AddSingleton(signals);
        services.AddTransient<OpenTask>();
        services.AddTransient<DecideApproval>();
        services.AddTransient<EndApproval>();
        var provider = services.BuildServiceProvider();
        var host = provider.GetRequiredService<IWorkflowHost>();
        host.RegisterWorkflow<ApprovalWorkflow, ApprovalData>();
        host.OnStepError += (workflow, step, exception) => Console.Error.WriteLine($"workflowcore: step {step.Name} of {workflow.Id} failed: {exception.Message}");
        host.OnLifeCycleEvent += evt =>
        {
            if (evt is WorkflowCompleted)
            {
                signals.Finished(evt.Reference);
            }
        };
        await host.StartAsync(CancellationToken.None);
        return (provider, host);
    }

    /// <summary>
    /// WorkflowCore's Stop() can hang after a large run. A host that has not stopped in time is left behind (its
    /// threads have no more work) and the run goes on; the process ends with Environment.Exit.
    /// </summary>
    private static async Task StopHostAsync(IWorkflowHost host, ServiceProvider provider)
    {
        var stopping = Task.Run(host.Stop);
        if (await Task.WhenAny(stopping, Task.Delay(StopTimeout)) == stopping)
        {
            await stopping;
            await provider.DisposeAsync();
        }
        else
        {
            Console.Error.WriteLine($"workflowcore: the host did not stop within {StopTimeout.TotalSeconds:0} s; left behind");
        }
    }
}

public sealed class ApprovalData
{
    public string Key { get; set; } = "";
    public string? Outcome { get; set; }
    public bool Approved { get; set; }
}

/// <summary>
/// Start, a task that waits for the decision as an event, a decision on its outcome, end. Inputs and outputs are
/// mapped by delegates, and the wait is WorkflowCore's WaitFor step with its inputs set the same way: the expression
/// forms (<c>.Input(step => step.Key, data => data.Key)</c>, the <c>.WaitFor(name, data => key)</c> builder) compile an
/// expression at every step they map, so that the JIT never settles and the peer would be measured slower than it can be.
/// </summary>
public sealed class ApprovalWorkflow : IWorkflow<ApprovalData>
{
    public const string Name = "bench-approval";
    public const int Revision = 1;
    public const string DecisionEvent = "decision";

    public string Id => Name;

    public int Version => Revision;

    public void Build(IWorkflowBuilder<ApprovalData> builder) =>
        builder
            .StartWith<OpenTask>()
                .Input((step, data) => step.Key = data.Key)
            .Then<WaitFor>()
                .Input((step, data) =>
                {
                    step.EventName = DecisionEvent;
                    step.EventKey = data.Key;
                })
                .Output((step, data) => data.Outcome = step.EventData as string)
            .Then<DecideApproval>()
                .Input((step, data) => step.Outcome = data.Outcome)
                .Output((step, data) => data.Approved = step.Approved)
            .Then<EndApproval>()
                .Input((step, data) => step.Approved = data.Approved);
}

/// <summary>Opens the task: tells the waiting client that the decision can be sent.</summary>
public sealed class OpenTask(Signals signals) : StepBody
{
    public string Key { get; set; } = "";

    public override ExecutionResult Run(IStepExecutionContext context)
    {
        signals.Opened(Key);
        return ExecutionResult.Next();
    }
}

public sealed class DecideApproval : StepBody
{
    public string? Outcome { get; set; }
    public bool Approved { get; set; }

    public override ExecutionResult Run(IStepExecutionContext context)
    {
        Approved = Outcome == "Goedkeuren";
        return ExecutionResult.Next();
    }
}

public sealed class EndApproval(Signals signals) : StepBody
{
    public bool Approved { get; set; }

    public override ExecutionResult Run(IStepExecutionContext context)
    {
        if (Approved)
        {
            signals.CountApproved();
        }
        return ExecutionResult.Next();
    }
}

/// <summary>What each client waits for, by the key it gave its instance.</summary>
public sealed class Signals
{
    private readonly ConcurrentDictionary<string, Pending> pending = new(StringComparer.Ordinal);
    private int approved;

    public int Approved => Volatile.Read(ref approved);

    public Pending Expect(string key) => pending[key] = new Pending();

    public void Opened(string key) => pending[key].Opened.TrySetResult();

    public void Finished(string key) => pending[key].Finished.TrySetResult();

    public void Forget(string key) => pending.TryRemove(key, out _);

    public void CountApproved() => Interlocked.Increment(ref approved);

    public sealed class Pending
    {
        public TaskCompletionSource Opened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
