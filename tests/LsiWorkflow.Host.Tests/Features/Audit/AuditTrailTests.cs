using System.Net;
using System.Net.Http.Json;
using System.Text;
using LsiWorkflow.Host.Tests.Infrastructure;
using Npgsql;

namespace LsiWorkflow.Host.Tests.Features.Audit;

public sealed class AuditTrailTests(HostFixture host) : DomainTest(host)
{
    [Theory]
    [InlineData("UPDATE lsi.audit_entries SET why = 'herschreven'")]
    [InlineData("DELETE FROM lsi.audit_entries")]
    [InlineData("TRUNCATE lsi.audit_entries")]
    public async Task The_database_refuses_to_change_or_remove_audit_entries(string sql)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.ConnectionString);
        await connection.OpenAsync();
        var before = await CountAsync(connection);
        Assert.True(before > 0, "the seed writes audit entries");

        await using var command = new NpgsqlCommand(sql, connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Contains("alleen aan te vullen", refused.MessageText, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(connection));
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM lsi.audit_entries WHERE why = 'herschreven'"));
    }

    [Fact]
    public async Task The_project_audit_csv_names_the_actor_and_the_reason_with_proper_escaping()
    {
        const string reason = "Verzoek van de gemeente, zie \"brief 12\"\nbijlage";
        var projectId = await ProposeAreaBasedProjectAsync(reason: reason);
        await ApproveAsync(projectId);
        using var secretary = await Host.ClientForAsync(Secretary);
        await ReadAsync(await secretary.PostAsJsonAsync($"/api/projects/{projectId}/start", new { reason = "Start volgens planning" }), HttpStatusCode.Conflict);

        var response = await secretary.GetAsync(new Uri($"/api/projects/{projectId}/audit.csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Tijdstip;Gebruiker;Organisatie;Actie;Onderwerp;Onderwerp-id;Wat;Waarom", lines[0]);
        // Dutch time, as everywhere people read times (the clock stands at 08:00 UTC in January).
        Assert.StartsWith("2026-01-05 09:00:00;secretaris;SZW;ProjectProposed;Project;", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(";\"Verzoek van de gemeente, zie \"\"brief 12\"\"\nbijlage\"", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains(";stuurgroep.uwv;UWV;ProjectAdopted;", StringComparison.Ordinal));
        // The refused start is on record too: a reviewer sees that the DPIA safeguard held.
        var blocked = Assert.Single(lines, l => l.Contains(";GateBlocked;", StringComparison.Ordinal));
        Assert.Contains("gezamenlijke DPIA wijkgerichte aanpak niet is vastgesteld", blocked, StringComparison.Ordinal);
        Assert.EndsWith(";Start volgens planning", blocked, StringComparison.Ordinal);
        // What was stored as data reads as words: no JSON, no escaped characters.
        Assert.DoesNotContain(lines, l => l.Contains('{', StringComparison.Ordinal) || l.Contains("\\u", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("name: Wijkaanpak Rotterdam-Zuid; kind: AreaBased", StringComparison.Ordinal));
    }

    private static Task<long> CountAsync(NpgsqlConnection connection) => ScalarAsync(connection, "SELECT count(*) FROM lsi.audit_entries");

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
