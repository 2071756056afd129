using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using LsiWorkflow.Host.Tests.Features.Designer;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace LsiWorkflow.Host.Tests.Security;

/// <summary>
/// Every write endpoint (POST, PUT, PATCH, DELETE) of the running host, read from its endpoint list, gets seeded hostile
/// bodies and route values (<see cref="HostileValues"/>) from a caller the access table allows. For each case: never a
/// 5xx; on a refusal no table of the domain gained or lost a row; and the caller's next ordinary request still works.
/// A failure names the seed, the endpoint and the case, so it can be replayed (<c>LSI_FUZZ_SEED</c>,
/// <c>LSI_FUZZ_ENDPOINT_CASES</c>; CI runs the defaults).
/// </summary>
public sealed class WriteEndpointFuzzTests(HostFixture host, ITestOutputHelper output) : HostTest(host)
{
    private const int DefaultSeed = 20261202;
    private const int DefaultCases = 12;

    private static readonly string[] WriteMethods = ["POST", "PUT", "PATCH", "DELETE"];

    // Callers in the order they are preferred when the table allows several: signed in before anonymous.
    private static readonly string[] CallerPreference = ["Secretary", "Partner", "Admin", "SteeringGroupMember", "MinistryStaff", "PartnerOtherOrganisation", "anonymous"];

    // Tables that background work (outbox dispatch, notices, reminders, timers) may fill after an earlier, successful
    // case; their counts say nothing about the case at hand.
    private static readonly string[] BackgroundTables = ["outbox", "notification", "reminder", "timer", "journal", "incident"];

    [Fact]
    public async Task Hostile_input_to_every_write_endpoint_is_refused_or_stored_never_a_server_error()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("LSI_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        var cases = int.TryParse(Environment.GetEnvironmentVariable("LSI_FUZZ_ENDPOINT_CASES"), CultureInfo.InvariantCulture, out var c) ? c : DefaultCases;
        var world = await SecurityWorld.CreateAsync(Host);
        var ids = await IdsAsync(world);
        var table = AccessTable();
        var clients = new Dictionary<string, HttpClient>();
        var failures = new List<string>();
        var refused = 0;
        var stored = 0;
        try
        {
            foreach (var endpoint in WriteEndpoints())
            {
                var key = $"{endpoint.Method} {endpoint.Route}";
                if (!table.TryGetValue(key, out var allowed))
                {
                    failures.Add($"{key}: not in the access table");
                    continue;
                }
                var caller = CallerPreference.First(allowed.Contains);
                var userName = SecurityWorld.Callers.Single(x => x.Caller == caller).UserName;
                if (!clients.TryGetValue(caller, out var client))
                {
                    client = clients[caller] = userName is null ? Host.CreateClient() : await Host.ClientForAsync(userName);
                }
                var values = new HostileValues(seed ^ StableHash(key));
                for (var n = 0; n < cases; n++)
                {
                    var url = Url(endpoint.Route, ids, values, n);
                    var body = values.Body(endpoint.BodyType);
                    var before = await CountRowsAsync();
                    using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), url)
                    {
                        Content = new StringContent(body, Encoding.UTF8, "application/json"),
                    };
                    using var response = await client.SendAsync(request);
                    var status = (int)response.StatusCode;
                    var answer = await response.Content.ReadAsStringAsync();
                    var what = $"seed {seed}, {key} case {n} as {caller}: {endpoint.Method} {url} {Shorten(body)} -> {status} {Shorten(answer)}";
                    if (status >= 500)
                    {
                        failures.Add($"server error — {what}");
                    }
                    else if (status >= 400)
                    {
                        refused++;
                        var after = await CountRowsAsync();
                        var changed = before.Where(t => after[t.Key] != t.Value).Select(t => $"{t.Key} {t.Value}->{after[t.Key]}").ToList();
                        if (changed.Count > 0)
                        {
                            failures.Add($"refused but stored ({string.Join(", ", changed)}) — {what}");
                        }
                    }
                    else
                    {
                        stored++;
                    }
                    if (userName is not null && await OrdinaryRequestAsync(client) is { } broken)
                    {
                        failures.Add($"the next ordinary request failed ({broken}) — {what}");
                    }
                }
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
        output.WriteLine($"seed={seed} cases_per_endpoint={cases} refused={refused} stored={stored} failures={failures.Count}");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
    }

    private sealed record WriteEndpoint(string Method, string Route, Type? BodyType);

    /// <summary>The write endpoints as the host maps them; the Blazor circuit and pages are the framework's.</summary>
    private List<WriteEndpoint> WriteEndpoints()
    {
        var found = new List<WriteEndpoint>();
        foreach (var endpoint in Host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            var route = pattern.StartsWith('/') ? pattern : "/" + pattern;
            if (route.StartsWith("/_blazor", StringComparison.Ordinal) || route.StartsWith("/_framework", StringComparison.Ordinal)
                || endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            {
                continue;
            }
            var body = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                if (WriteMethods.Contains(method))
                {
                    found.Add(new(method, route, body));
                }
            }
        }
        Assert.True(found.Count >= 40, $"Only {found.Count} write endpoints found");
        return [.. found.OrderBy(e => e.Route, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)];
    }

    /// <summary>The route with real ids mostly, and now and then an unknown id or hostile text where the route takes text.</summary>
    private static string Url(string route, IReadOnlyDictionary<string, string> ids, HostileValues values, int n)
    {
        var url = new StringBuilder();
        var segments = route.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (i > 0)
            {
                url.Append('/');
            }
            if (!segment.StartsWith('{'))
            {
                url.Append(segment);
                continue;
            }
            var name = segment.Trim('{', '}').Split(':')[0];
            var constrained = segment.Contains(':', StringComparison.Ordinal);
            var owner = i > 0 ? segments[i - 1] : "";
            var known = ids.TryGetValue($"{owner}/{name}", out var id) ? id : ids.GetValueOrDefault(name);
            url.Append(n % 4 == 3
                ? constrained ? Guid.NewGuid().ToString() : Uri.EscapeDataString(values.RouteText())
                : known ?? Guid.NewGuid().ToString());
        }
        return url.ToString();
    }

    /// <summary>Real ids for the route parameters, by the segment before them.</summary>
    private async Task<Dictionary<string, string>> IdsAsync(SecurityWorld world)
    {
        using var secretary = await Host.ClientForAsync("secretaris");
        async Task<string> FirstIdAsync(string url)
        {
            using var document = JsonDocument.Parse(await secretary.GetStringAsync(url));
            var list = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement : document.RootElement.GetProperty("items");
            return list[0].GetProperty("id").GetString()!;
        }
        return new(StringComparer.Ordinal)
        {
            ["projects/id"] = world.SpareProjectId.ToString(),
            ["dpias/id"] = world.DpiaId.ToString(),
            ["commitments/id"] = await FirstIdAsync("/api/commitments"),
            ["milestones/id"] = await FirstIdAsync("/api/milestones"),
            ["evaluations/id"] = world.EvaluationId.ToString(),
            ["actionId"] = world.ActionId.ToString(),
            ["publications/id"] = world.PublicationId.ToString(),
            ["views/id"] = world.ViewId.ToString(),
            ["notifications/id"] = world.NotificationId.ToString(),
            ["taskId"] = world.TaskId.ToString(),
            ["instanceId"] = world.CancelTargetInstanceId.ToString(),
            ["definitionId"] = SecurityWorld.DefinitionId,
            ["version"] = "1",
        };
    }

    /// <summary>Rows per table of the domain's schema, but for those background work writes to.</summary>
    private static async Task<Dictionary<string, long>> CountRowsAsync()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'lsi' AND table_type = 'BASE TABLE' ORDER BY table_name", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var name = reader.GetString(0);
                if (!BackgroundTables.Any(b => name.Contains(b, StringComparison.Ordinal)))
                {
                    tables.Add(name);
                }
            }
        }
        // A gate that blocks a project's transition records the attempt (GateBlocked) by design: that is a refusal
        // the domain keeps, not the hostile input stored.
        var sql = string.Join(" UNION ALL ", tables.Select(t => t == "audit_entries"
            ? "SELECT 'audit_entries', count(*) FROM lsi.audit_entries WHERE action <> 'GateBlocked'"
            : $"SELECT '{t}', count(*) FROM lsi.\"{t}\""));
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var count = new NpgsqlCommand(sql, connection);
        await using var rows = await count.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            counts[rows.GetString(0)] = rows.GetInt64(1);
        }
        return counts;
    }

    private static async Task<string?> OrdinaryRequestAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/me");
        return response.StatusCode == HttpStatusCode.OK ? null : $"GET /api/me: {(int)response.StatusCode}";
    }

    /// <summary>Callers the access table allows, by "METHOD route".</summary>
    private static Dictionary<string, HashSet<string>> AccessTable()
    {
        var lines = File.ReadAllLines(Path.Combine(DefinitionCanvasTests.RepositoryRoot(), "tests", "LsiWorkflow.Host.Tests", "Security", "access-control.csv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var header = lines[0].Split(';');
        return lines.Skip(1).Select(l => l.Split(';')).ToDictionary(
            cells => $"{cells[0]} {cells[1]}",
            cells => SecurityWorld.Callers.Where(x => cells[Array.IndexOf(header, x.Caller)] == "Y").Select(x => x.Caller).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    /// <summary>FNV-1a: the same number for the same text in every process (string.GetHashCode is not).</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)hash;
    }

    private static string Shorten(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= 200 ? flat : flat[..200] + "…";
    }
}
