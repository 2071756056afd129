using System.Diagnostics;
using System.Text.Json;
using LsiWorkflow.Engine.Interchange;

namespace LsiWorkflow.Engine.Tests.Interchange;

/// <summary>
/// Reads the exports with bpmn-moddle, the model bpmn.io and Camunda Modeler import BPMN with (moddle/check.mjs):
/// no warnings (unknown elements or attributes, unresolved references) and a shape or edge for every element.
/// Node.js and npm come with the development machines; the package is installed from moddle/package-lock.json.
/// </summary>
public sealed class BpmnModdleTests
{
    private static readonly string Folder = Path.Combine(Repository.InterchangeFolder, "moddle");
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    [Fact]
    public async Task Bpmn_io_reads_every_export_without_warnings()
    {
        var files = new Dictionary<string, string>();
        var directory = Directory.CreateTempSubdirectory("lsi-bpmn-");
        try
        {
            foreach (var name in Repository.WorkflowNames)
            {
                files[name] = BpmnExporter.Export(Repository.LoadWorkflow(name));
            }
            files["all-kinds-stored"] = BpmnExporter.Export(BpmnExportTests.AllKinds(withPositions: true));
            files["all-kinds-laid-out"] = BpmnExporter.Export(BpmnExportTests.AllKinds(withPositions: false));
            var paths = new List<string>();
            foreach (var (name, xml) in files)
            {
                var path = Path.Combine(directory.FullName, name + ".bpmn");
                await File.WriteAllTextAsync(path, xml);
                paths.Add(path);
            }

            await EnsureInstalledAsync();
            var output = await RunAsync("node", ["check.mjs", .. paths]);

            var reports = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
            Assert.Equal(paths.Count, reports.Count);
            foreach (var report in reports)
            {
                var problems = report.GetProperty("problems").EnumerateArray().Select(p => p.GetString()).ToList();
                Assert.True(problems.Count == 0, $"{report.GetProperty("file").GetString()}: {string.Join("; ", problems)}");
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_check_reports_what_bpmn_io_would_trip_over()
    {
        var xml = BpmnExporter.Export(Repository.LoadWorkflow("commitment-tracking.json"))
            .Replace("bpmnElement=\"end\"", "bpmnElement=\"nowhere\"", StringComparison.Ordinal)
            .Replace("<bpmn:userTask ", "<bpmn:userTask bogus=\"1\" ", StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"lsi-bpmn-broken-{Guid.NewGuid():N}.bpmn");
        await File.WriteAllTextAsync(path, xml);
        try
        {
            await EnsureInstalledAsync();
            var output = await RunAsync("node", ["check.mjs", path]);

            Assert.Contains("unknown attribute <bogus>", output, StringComparison.Ordinal);
            Assert.Contains("bpmn:EndEvent end has no shape or edge", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (!File.Exists(Path.Combine(Folder, "node_modules", "bpmn-moddle", "package.json")))
            {
                await RunAsync("npm", ["ci", "--no-audit", "--no-fund"]);
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task<string> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
