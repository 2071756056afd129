using System.Diagnostics;

namespace LsiWorkflow.Faults;

/// <summary>
/// One real host process (<c>dotnet LsiWorkflow.Host.dll</c>) on its own port and the database under test,
/// in Development so that the demo users exist with the password of the run. Its output goes to a log file.
/// </summary>
public sealed class HostProcess(string name, FaultSettings settings, int port) : IAsyncDisposable
{
    private Process? process;
    private int starts;

    public string Name { get; } = name;

    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{port}");

    public string LogFile => Path.Combine(settings.WorkFolder, $"{Name}.log");

    /// <summary>
    /// The pickup folder of this host alone: with a folder per host, a mail that two nodes both deliver is two
    /// files, where in a shared folder the second would silently overwrite the first.
    /// </summary>
    public string MailFolder => MailFolderOf(settings, Name);

    public static string MailFolderOf(FaultSettings settings, string name) => Path.Combine(settings.MailFolder, name);

    public bool IsRunning => process is { HasExited: false };

    /// <summary>Starts the process and waits until it answers <c>/health/live</c>.</summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(settings.HostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(settings.HostDll);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString();
        info.Environment["ConnectionStrings__Lsi"] = settings.ConnectionString;
        info.Environment["Seed__DemoPassword"] = settings.Password;
        info.Environment["Mail__PickupFolder"] = MailFolder;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__LsiWorkflow.Startup"] = "Information";
        foreach (var (key, value) in settings.HostEnvironment)
        {
            info.Environment[key] = value;
        }
        var log = new StreamWriter(LogFile, append: true) { AutoFlush = true };
        await log.WriteLineAsync($"===== start {++starts} at {DateTimeOffset.UtcNow:O}");
        process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => log.Dispose();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitLiveAsync(timeout);
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // the process has gone; its last lines may be lost with it
            }
        }
    }

    private async Task WaitLiveAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException($"{Name} ended with exit code {process.ExitCode} while starting; see {LogFile}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{Name} did not answer within {timeout.TotalSeconds:0} s; see {LogFile}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, as when the machine loses power.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false } running)
        {
            running.Kill(entireProcessTree: false);
            await running.WaitForExitAsync();
        }
    }

    /// <summary>A graceful stop at the end of a run.</summary>
    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false } running)
        {
            // SIGTERM lets ASP.NET Core and Hangfire stop; a host that does not stop in time is killed.
            using var term = Process.Start("kill", ["-TERM", running.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await running.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                running.Kill();
            }
        }
        process?.Dispose();
    }
}
