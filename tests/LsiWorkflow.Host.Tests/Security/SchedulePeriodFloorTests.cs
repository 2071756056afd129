using System.Net;
using System.Text;
using System.Text.Json;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Tests.Infrastructure;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LsiWorkflow.Host.Tests.Security;

/// <summary>
/// A careless (or hostile) designer cannot make the host start an instance every second: a recurring start faster than
/// the minimum period (one hour by default, <c>Workflows:MinimumPeriod</c>) is refused by validating and saving, with
/// the reason on its field, so it is never published.
/// </summary>
public sealed class SchedulePeriodFloorTests(HostFixture host) : HostTest(host)
{
    private static string Recurring(string every) => $$"""
        { "schemaVersion": 1, "id": "snel", "name": "Te snel", "version": 1, "variables": [],
          "activities": [ { "id": "timer", "type": "TimerStart", "properties": { "every": "{{every}}", "from": "2026-01-01" } }, { "id": "end", "type": "End" } ],
          "connections": [ { "source": "timer", "target": "end" } ] }
        """;

    [Fact]
    public async Task A_recurring_start_every_second_is_refused_on_its_period_and_never_published()
    {
        await Host.CreateUserAsync("secretaris", "SZW", Roles.Secretary);
        using var secretary = await Host.ClientForAsync("secretaris");
        const string path = "$.activities[0].properties.every";

        using var validated = await secretary.PostAsync("/api/workflows/validate", new StringContent(Recurring("PT1S"), Encoding.UTF8, "application/json"));
        using var saved = await secretary.PutAsync("/api/workflows/drafts", new StringContent($$"""{ "definition": {{Recurring("PT1S")}} }""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
        var result = JsonDocument.Parse(await validated.Content.ReadAsStringAsync()).RootElement;
        Assert.False(result.GetProperty("isValid").GetBoolean());
        Assert.Contains(result.GetProperty("problems").EnumerateArray(), p => p.GetProperty("path").GetString() == path
            && p.GetProperty("message").GetString()!.Contains("1 uur", StringComparison.Ordinal));
        var problem = await HostileInputTests.ProblemAsync(saved, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(path, out _), problem.ToString());
        Assert.Equal(0, await Host.InScopeAsync(sp => sp.GetRequiredService<LsiDbContext>().Set<DefinitionRecord>().CountAsync(d => d.DefinitionId == "snel")));

        using var hourly = await secretary.PutAsync("/api/workflows/drafts", new StringContent($$"""{ "definition": {{Recurring("PT1H")}} }""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, hourly.StatusCode);
    }
}
