using System.Net;
using LsiWorkflow.Domain.Seed;
using LsiWorkflow.Host.Tests.Infrastructure;
using Npgsql;

namespace LsiWorkflow.Host.Tests.Shared.Startup;

/// <summary>
/// A database seeded before agenda items had days (they read as the end of 2024) gets the letter's days at the
/// next start, which seeds again; a day someone set is kept, and seeding once more changes nothing.
/// </summary>
public sealed class LetterSeedCorrectionTests(HostFixture host) : DomainTest(host)
{
    private static readonly Guid DpiaItem = LetterSeed.Id("agenda:2024:dpia");
    private static readonly Guid FocusGroupItem = LetterSeed.Id("agenda:2024:focus-group");
    private static readonly Guid RolesItem = LetterSeed.Id("agenda:2024:roles");

    [Fact]
    public async Task Seeding_fills_in_the_letters_agenda_days_an_earlier_seed_left_empty_and_keeps_a_day_someone_set()
    {
        await ExecuteAsync("UPDATE lsi.agenda_items SET planned_on = NULL");
        await ExecuteAsync($"UPDATE lsi.agenda_items SET planned_on = '2024-09-15' WHERE id = '{FocusGroupItem}'");
        Assert.Equal("2024-12-31", (await PlannedOnAsync())[DpiaItem]);
        var audited = await ScalarAsync("SELECT count(*) FROM lsi.audit_entries");

        await SeedLetterAsync();

        var plannedOn = await PlannedOnAsync();
        Assert.Equal("2024-03-31", plannedOn[DpiaItem]);
        Assert.Equal("2024-09-15", plannedOn[FocusGroupItem]);
        Assert.Equal("2024-12-31", plannedOn[RolesItem]);
        Assert.Equal(audited + 1, await ScalarAsync("SELECT count(*) FROM lsi.audit_entries"));

        await SeedLetterAsync();

        Assert.Equal(audited + 1, await ScalarAsync("SELECT count(*) FROM lsi.audit_entries"));
        Assert.Equal(plannedOn, await PlannedOnAsync());
    }

    private async Task<Dictionary<Guid, string>> PlannedOnAsync()
    {
        using var ministry = await Host.ClientForAsync(Ministry);
        var plan = await ReadAsync(await ministry.GetAsync(new Uri("/api/plan", UriKind.Relative)), HttpStatusCode.OK);
        return plan.GetProperty("agenda").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetGuid(), a => a.GetProperty("plannedOn").GetString()!);
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
