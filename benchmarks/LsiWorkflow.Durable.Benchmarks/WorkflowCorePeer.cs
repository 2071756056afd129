using System.Diagnostics;
using System.Globalization;

namespace LsiWorkflow.Durable.Benchmarks;

/// <summary>
/// The peer: WorkflowCore running the same approval in memory, in a child process (LsiWorkflow.WorkflowCore.Benchmarks)
/// that warms up once and then runs one round whenever asked, so that its rounds take turns with the engine's like the
/// Hangfire baseline's do. A child process keeps WorkflowCore's packages out of the host's process, and a WorkflowCore
/// host that does not stop (its Stop() can hang after a large run) is ended by killing the process.
/// </summary>
internal sealed class WorkflowCorePeer : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(20);

    private readonly Process process;

    private WorkflowCorePeer(Process process) => this.process = process;

    public static async Task<WorkflowCorePeer> StartAsync(BenchmarkOptions options)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
        };
        foreach (var argument in new[] { LocateChild(), "--serve", "--clients", options.Clients.ToString(CultureInfo.InvariantCulture),
            "--instances", options.PeerInstances.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        var peer = new WorkflowCorePeer(Process.Start(start) ?? throw new InvalidOperationException("The WorkflowCore benchmark did not start."));
        var ready = await peer.ReadLineAsync(ReadyTimeout, "warm-up");
        if (ready != "ready")
        {
            throw new InvalidOperationException($"The WorkflowCore benchmark said '{ready}' instead of 'ready'.");
        }
        return peer;
    }

    /// <summary>One round of the peer: instances started and resumed by their event, finished per second.</summary>
    public async Task<double> MeasureAsync()
    {
        await process.StandardInput.WriteLineAsync("round");
        await process.StandardInput.FlushAsync();
        var line = await ReadLineAsync(RoundTimeout, "round");
        // "round per_s=… instances=… seconds=…"
        var perSecond = line.Split(' ').FirstOrDefault(p => p.StartsWith("per_s=", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The WorkflowCore benchmark answered '{line}'.");
        return double.Parse(perSecond["per_s=".Length..], CultureInfo.InvariantCulture);
    }

    private async Task<string> ReadLineAsync(TimeSpan timeout, string what)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await process.StandardOutput.ReadLineAsync(cancel.Token)
                ?? throw new InvalidOperationException($"The WorkflowCore benchmark ended during its {what} (exit code {(process.HasExited ? process.ExitCode : -1)}).");
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The WorkflowCore benchmark did not finish its {what} within {timeout.TotalSeconds:0} s; it was killed.");
        }
    }

    /// <summary>The child's build output beside this one's: same configuration and framework.</summary>
    private static string LocateChild()
    {
        // .../benchmarks/LsiWorkflow.Durable.Benchmarks/bin/Release/net10.0/
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = own.Name;
        var configuration = own.Parent!.Name;
        var benchmarks = own.Parent.Parent!.Parent!.Parent!.FullName;
        var child = Path.Combine(benchmarks, "LsiWorkflow.WorkflowCore.Benchmarks", "bin", configuration, framework, "LsiWorkflow.WorkflowCore.Benchmarks.dll");
        return File.Exists(child)
            ? child
            : throw new FileNotFoundException($"Build LsiWorkflow.WorkflowCore.Benchmarks first (looked for {child}).");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            try
            {
                await process.StandardInput.WriteLineAsync("exit");
                await process.StandardInput.FlushAsync();
                using var cancel = new CancellationTokenSource(ExitTimeout);
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                Console.Error.WriteLine($"workflowcore: the child did not exit within {ExitTimeout.TotalSeconds:0} s; killed");
                process.Kill(entireProcessTree: true);
            }
        }
        process.Dispose();
    }
}
