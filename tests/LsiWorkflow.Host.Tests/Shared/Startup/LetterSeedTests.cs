using System.Net;
using System.Net.Http.Json;
using LsiWorkflow.Domain.Seed;
using LsiWorkflow.Host.Tests.Infrastructure;
using Npgsql;

namespace LsiWorkflow.Host.Tests.Shared.Startup;

public sealed class LetterSeedTests(HostFixture host) : DomainTest(host)
{
    private static readonly string[] Tables =
    [
        "organisations", "steering_groups", "steering_group_members", "covenants", "covenant_signatories", "evaluations",
        "recommendations", "follow_up_actions", "dpias", "commitments", "multi_year_plans", "themes", "phenomena",
        "agenda_items", "working_groups", "work_agreements", "progress_reports", "milestones", "audit_entries",
    ];

    [Fact]
    public async Task Seeding_twice_changes_nothing_and_keeps_what_people_changed()
    {
        // DomainTest has seeded once; one follow-up action has since moved on.
        var evaluationId = LetterSeed.Id("evaluation:2017-2022");
        var rpfAction = LetterSeed.Id("action:2c:1");
        using var secretary = await Host.ClientForAsync(Secretary);
        await ReadAsync(await secretary.PutAsJsonAsync($"/api/evaluations/{evaluationId}/actions/{rpfAction}", new { status = "InProgress" }), HttpStatusCode.OK);
        var before = await CountRowsAsync();

        await SeedLetterAsync();

        Assert.Equal(before, await CountRowsAsync());
        var evaluation = await ReadAsync(await secretary.GetAsync(new Uri("/api/evaluations/latest", UriKind.Relative)), HttpStatusCode.OK);
        var action = evaluation.GetProperty("recommendations").EnumerateArray()
            .SelectMany(r => r.GetProperty("actions").EnumerateArray())
            .Single(a => a.GetProperty("id").GetGuid() == rpfAction);
        Assert.Equal("InProgress", action.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_seed_matches_the_letter()
    {
        using var secretary = await Host.ClientForAsync(Secretary);

        var evaluation = await ReadAsync(await secretary.GetAsync(new Uri("/api/evaluations/latest", UriKind.Relative)), HttpStatusCode.OK);
        var commitments = await ReadAsync(await secretary.GetAsync(new Uri("/api/commitments", UriKind.Relative)), HttpStatusCode.OK);
        var covenant = await ReadAsync(await secretary.GetAsync(new Uri("/api/covenant", UriKind.Relative)), HttpStatusCode.OK);
        var plan = await ReadAsync(await secretary.GetAsync(new Uri("/api/plan", UriKind.Relative)), HttpStatusCode.OK);

        Assert.Equal(
            ["1", "2", "2a", "2b", "2c", "3", "3a", "3b", "3c", "3d", "4"],
            evaluation.GetProperty("recommendations").EnumerateArray().Select(r => r.GetProperty("number").GetString()));
        var rejected = evaluation.GetProperty("recommendations").EnumerateArray().Single(r => r.GetProperty("number").GetString() == "2b")
            .GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("status").GetString() == "Rejected");
        Assert.Contains("wetswijziging", rejected.GetProperty("decision").GetString(), StringComparison.Ordinal);

        var dueDates = commitments.EnumerateArray().ToDictionary(c => c.GetProperty("id").GetGuid(), c => c.GetProperty("dueOn").GetString());
        Assert.Equal("2024-03-31", dueDates[LetterSeed.Id("commitment:joint-dpia")]);
        Assert.Equal("2024-06-30", dueDates[LetterSeed.Id("commitment:focus-group")]);
        Assert.Equal("2023-12-31", dueDates[LetterSeed.Id("commitment:follow-up-research")]);
        Assert.Equal("2023-12-31", dueDates[LetterSeed.Id("commitment:communication")]);
        var report = commitments.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == LetterSeed.Id("commitment:evaluation-report"));
        Assert.Equal("Fulfilled", report.GetProperty("status").GetString());
        // On the test clock (January 2026) the open ones from the letter are all late.
        Assert.True(commitments.EnumerateArray().Where(c => c.GetProperty("status").GetString() == "Open").All(c => c.GetProperty("isLate").GetBoolean()));

        Assert.Equal("Stcrt. 2017, nr. 20624", covenant.GetProperty("publicationReference").GetString());
        Assert.Equal(5, covenant.GetProperty("evaluationIntervalYears").GetInt32());
        Assert.Equal("2027-07-01", covenant.GetProperty("nextEvaluationDue").GetString());
        Assert.Equal(7, covenant.GetProperty("signatories").GetArrayLength());

        Assert.Equal(2024, plan.GetProperty("firstYear").GetInt32());
        Assert.Equal(["2024-06-30", "2025-06-30", "2026-06-30", "2027-06-30"],
            plan.GetProperty("progressReports").EnumerateArray().Select(r => r.GetProperty("plannedOn").GetString()));
    }

    private static async Task<Dictionary<string, long>> CountRowsAsync()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.ConnectionString);
        await connection.OpenAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in Tables)
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM lsi.{table}", connection);
            counts[table] = (long)(await command.ExecuteScalarAsync())!;
        }

        return counts;
    }
}
