using System.Diagnostics;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Tests.Features.Designer;
using LsiWorkflow.Host.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LsiWorkflow.Host.Tests.Shared.Api;

/// <summary>
/// A client nobody here wrote: <c>clients/typescript/run.mjs</c> generates TypeScript types from the running host's
/// description with openapi-typescript and calls five operations through openapi-fetch. Needs node and npm (and the
/// npm registry the first time); without node the test says so in its output and checks nothing.
/// </summary>
public sealed class TypeScriptClientTests(HostFixture host, ITestOutputHelper output) : HostTest(host)
{
    [Fact]
    public async Task A_client_generated_from_the_description_calls_five_operations()
    {
        if (OnPath("node") is null || OnPath("npm") is null)
        {
            output.WriteLine("SKIPPED: node and npm are not installed, so the TypeScript client cannot be generated here.");
            return;
        }
        await Host.CreateUserAsync("secretaris", "SZW", Roles.Secretary);
        var start = new ProcessStartInfo("node", "run.mjs")
        {
            WorkingDirectory = Path.Combine(DefinitionCanvasTests.RepositoryRoot(), "clients", "typescript"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["LSI_URL"] = Host.Factory.ServerAddress.ToString();
        start.Environment["LSI_USER"] = "secretaris";
        start.Environment["LSI_PASSWORD"] = HostFixture.Password;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        output.WriteLine(await stdout);
        output.WriteLine(await stderr);

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await stderr}");
        Assert.Contains("5 operations through the generated client", await stdout, StringComparison.Ordinal);
    }

    private static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);
}
