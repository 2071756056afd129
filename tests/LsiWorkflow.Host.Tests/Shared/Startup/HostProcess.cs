using System.Diagnostics;
using LsiWorkflow.Host.Tests.Features.Designer;

namespace LsiWorkflow.Host.Tests.Shared.Startup;

/// <summary>Starts the built host as its own process (<c>dotnet LsiWorkflow.Host.dll</c>), the way an operator does.</summary>
internal static class HostProcess
{
    public sealed record Outcome(int ExitCode, string Output, TimeSpan Took);

    /// <summary>The host's build next to this test's (Debug or Release).</summary>
    public static string HostDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(DefinitionCanvasTests.RepositoryRoot(), "src", "LsiWorkflow.Host", "bin", configuration, "net10.0", "LsiWorkflow.Host.dll");
        Assert.True(File.Exists(dll), $"The host is not built: {dll}");
        return dll;
    }

    /// <summary>Runs the host with <paramref name="environment"/> (a null value removes the variable) until it ends.</summary>
    public static async Task<Outcome> RunAsync(IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, params string[] args)
    {
        var dll = HostDll();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // Nothing of the test run's own configuration may leak in.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
            || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new Outcome(-1, $"(killed after {timeout})\n{await stdout}{await stderr}", clock.Elapsed);
        }
        return new Outcome(process.ExitCode, await stdout + await stderr, clock.Elapsed);
    }
}
