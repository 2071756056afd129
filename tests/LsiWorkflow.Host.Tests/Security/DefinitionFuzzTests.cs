using System.Diagnostics;
using System.Text;
using System.Text.Json;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Tests.Features.Designer;
using LsiWorkflow.Host.Tests.Infrastructure;
using LsiWorkflow.Runtime;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LsiWorkflow.Host.Tests.Security;

/// <summary>
/// Sends mutated shipped definitions through validate, save-draft and publish. 500 cases by default;
/// LSI_FUZZ_CASES and LSI_FUZZ_SEED choose others (infra/fuzz-definitions.sh runs 10,000).
/// </summary>
public sealed class DefinitionFuzzTests(HostFixture host, ITestOutputHelper output) : HostTest(host)
{
    [Fact]
    public async Task Mutated_definitions_are_refused_with_where_and_why_or_stored_valid_and_never_fail_the_server()
    {
        var cases = int.Parse(Environment.GetEnvironmentVariable("LSI_FUZZ_CASES") ?? "500", System.Globalization.CultureInfo.InvariantCulture);
        var seed = int.Parse(Environment.GetEnvironmentVariable("LSI_FUZZ_SEED") ?? "20261128", System.Globalization.CultureInfo.InvariantCulture);
        var shipped = Directory.GetFiles(Path.Combine(DefinitionCanvasTests.RepositoryRoot(), "workflows"), "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)).Order().Select(File.ReadAllText).ToList();
        var fuzzer = new DefinitionFuzzer(shipped, seed);
        await Host.CreateUserAsync("secretaris", "SZW", Roles.Secretary);
        using var client = await Host.ClientForAsync("secretaris");
        var engine = Host.Factory.Services.GetRequiredService<EngineServices>();

        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        var watch = Stopwatch.StartNew();
        for (var n = 0; n < cases; n++)
        {
            var (body, what) = fuzzer.Case(n);
            var label = $"case {n} (seed {seed}: {what})";

            using (var validate = await SendAsync(client, HttpMethod.Post, "/api/workflows/validate", ExtractDefinition(body)))
            {
                if ((int)validate.StatusCode >= 500)
                {
                    failures.Add($"{label}: validate answered {(int)validate.StatusCode}");
                }
            }

            using var saved = await SendAsync(client, HttpMethod.Put, "/api/workflows/drafts", body);
            var outcome = await ClassifyAsync(saved, label, failures);
            Count(counts, "save " + outcome);
            if (outcome != "accepted")
            {
                continue;
            }
            var definitionId = JsonDocument.Parse(await saved.Content.ReadAsStringAsync()).RootElement.GetProperty("definitionId").GetString()!;
            using var published = await SendAsync(client, HttpMethod.Post, $"/api/workflows/{Uri.EscapeDataString(definitionId)}/publish", null);
            Count(counts, "publish " + await ClassifyAsync(published, label + " publish", failures));
        }

        // Whatever got in must still be valid: every stored draft and version, read back from the database.
        var stored = await Host.InScopeAsync(sp => sp.GetRequiredService<LsiDbContext>().Set<DefinitionRecord>().AsNoTracking()
            .Select(d => new { d.DefinitionId, d.Version, d.Json }).ToListAsync());
        var storedInvalid = stored.Where(d => !engine.Validator.Validate(d.Json).IsValid).Select(d => $"{d.DefinitionId} v{d.Version}").ToList();
        failures.AddRange(storedInvalid.Select(d => $"stored invalid: {d}"));

        var serverErrors = failures.Count(f => f.Contains("answered 5", StringComparison.Ordinal));
        output.WriteLine($"fuzz_seed={seed} cases={cases} {string.Join(' ', counts.Select(c => $"{c.Key.Replace(' ', '_')}={c.Value}"))} " +
            $"stored={stored.Count} server_errors={serverErrors} stored_invalid={storedInvalid.Count} seconds={watch.Elapsed.TotalSeconds:0}");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(30)));
        Assert.True(counts.GetValueOrDefault("save rejected") > cases / 2, "The fuzzer should mostly produce broken definitions.");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string? body)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        return await client.SendAsync(request);
    }

    /// <summary>accepted, rejected (400 with a JSON path and a message per problem), conflict, too-large; anything else fails.</summary>
    private static async Task<string> ClassifyAsync(HttpResponseMessage response, string label, List<string> failures)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode)
        {
            return "accepted";
        }
        if (status >= 500)
        {
            failures.Add($"{label}: answered {status} {text[..Math.Min(300, text.Length)]}");
            return "server-error";
        }
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            failures.Add($"{label}: {status} without ProblemDetails");
            return "no-problem";
        }
        var problem = JsonDocument.Parse(text).RootElement;
        switch (status)
        {
            case 400:
                if (!problem.TryGetProperty("errors", out var errors) || !errors.EnumerateObject().Any()
                    || errors.EnumerateObject().Any(e => !e.Name.StartsWith('$') || e.Value.EnumerateArray().Any(m => string.IsNullOrWhiteSpace(m.GetString()))))
                {
                    failures.Add($"{label}: 400 without a JSON path and message per problem: {text[..Math.Min(300, text.Length)]}");
                }
                return "rejected";
            case 404 or 409:
                return "conflict";
            case 413:
                return "too-large";
            default:
                failures.Add($"{label}: unexpected {status}");
                return status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static string? ExtractDefinition(string body)
    {
        const string prefix = "{\"definition\": ";
        var end = body.LastIndexOf(", \"rowVersion\"", StringComparison.Ordinal);
        return end > 0 ? body[prefix.Length..end] : body[prefix.Length..^1];
    }

    private static void Count(SortedDictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
