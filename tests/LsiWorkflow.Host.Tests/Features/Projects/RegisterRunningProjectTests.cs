using System.Net;
using System.Net.Http.Json;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Tests.Infrastructure;

namespace LsiWorkflow.Host.Tests.Features.Projects;

/// <summary>
/// Proposals carry what the partners decide on, all at once; a project that was already running is registered with
/// its start date and keeps running, unless the moratorium forbade that start.
/// </summary>
public sealed class RegisterRunningProjectTests(HostFixture host) : DomainTest(host)
{
    [Fact]
    public async Task An_area_based_project_started_before_the_moratorium_is_registered_as_running_and_can_close()
    {
        using var secretary = await Host.ClientForAsync(Secretary);

        var project = await ReadAsync(await secretary.PostAsJsonAsync("/api/projects/running", new
        {
            name = "Wijkaanpak Utrecht-Overvecht",
            kind = "AreaBased",
            municipality = Organisations.Utrecht,
            startedOn = "2022-09-01",
            description = "Loopt sinds 2022.",
            participants = new[] { new { organisation = Organisations.Uwv, sharesData = true } },
            privacyProtocolReference = "Privacyprotocol 2022",
            reason = "Stond nog niet in het register",
        }), HttpStatusCode.Created);

        Assert.Equal("Started", project.GetProperty("status").GetString());
        Assert.Equal("2022-09-01", project.GetProperty("startedOn").GetString());
        Assert.True(project.GetProperty("startedBeforeRegistration").GetBoolean());
        Assert.Equal("Gemeente Utrecht", project.GetProperty("municipalityName").GetString());
        var id = project.GetProperty("id").GetGuid();
        var closed = await ReadAsync(await secretary.PostAsJsonAsync($"/api/projects/{id}/close", new { reason = "Afgerond" }), HttpStatusCode.OK);
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        var audit = await (await secretary.GetAsync(new Uri($"/api/projects/{id}/audit.csv", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("ProjectRegisteredAsRunning", audit, StringComparison.Ordinal);
        Assert.Contains("Stond nog niet in het register", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_area_based_start_after_the_moratorium_without_an_adopted_joint_dpia_is_refused_and_nothing_is_stored()
    {
        using var secretary = await Host.ClientForAsync(Secretary);

        var refused = await ReadAsync(await secretary.PostAsJsonAsync("/api/projects/running", new
        {
            name = "Wijkaanpak Den Haag-Zuidwest",
            kind = "AreaBased",
            municipality = Organisations.DenHaag,
            startedOn = "2024-05-01",
        }), HttpStatusCode.Conflict);

        Assert.Contains(Reasons(refused), r => r.Contains("liep niet al vóór de stop op nieuwe wijkgerichte aanpakken", StringComparison.Ordinal));
        var projects = await ReadAsync(await secretary.GetAsync(new Uri("/api/projects", UriKind.Relative)), HttpStatusCode.OK);
        Assert.Equal(0, projects.GetArrayLength());
    }

    [Fact]
    public async Task A_start_date_in_the_future_is_not_a_running_project()
    {
        using var secretary = await Host.ClientForAsync(Secretary);

        var refused = await ReadAsync(await secretary.PostAsJsonAsync("/api/projects/running", new
        {
            name = "Fenomeen later",
            kind = "PhenomenonBased",
            startedOn = "2027-01-01",
        }), HttpStatusCode.Conflict);

        Assert.Equal(["De startdatum van een lopend project ligt niet in de toekomst."], Reasons(refused));
    }

    [Fact]
    public async Task A_proposal_holds_its_participants_data_sharing_privacy_protocol_description_and_planned_start()
    {
        using var secretary = await Host.ClientForAsync(Secretary);

        var project = await ReadAsync(await secretary.PostAsJsonAsync("/api/projects", new
        {
            name = "Wijkaanpak Rotterdam-Zuid",
            kind = "AreaBased",
            municipality = Organisations.Rotterdam,
            description = "Samen met UWV en SVB.",
            plannedStartOn = "2026-04-01",
            participants = new[] { new { organisation = Organisations.Uwv, sharesData = true }, new { organisation = Organisations.Svb, sharesData = false } },
            privacyProtocolReference = "Modelprivacyprotocol LSI v2",
        }), HttpStatusCode.Created);

        Assert.Equal("Samen met UWV en SVB.", project.GetProperty("description").GetString());
        Assert.Equal("2026-04-01", project.GetProperty("plannedStartOn").GetString());
        Assert.Equal("Modelprivacyprotocol LSI v2", project.GetProperty("privacyProtocolReference").GetString());
        var participants = project.GetProperty("participants").EnumerateArray()
            .Select(p => $"{p.GetProperty("name").GetString()}: {p.GetProperty("sharesData").GetBoolean()}").ToList();
        Assert.Equal(["UWV: True", "Sociale Verzekeringsbank: False"], participants);
    }

    [Fact]
    public async Task A_proposal_with_the_tax_administration_sharing_data_in_an_area_based_project_is_refused_whole()
    {
        using var secretary = await Host.ClientForAsync(Secretary);

        var refused = await ReadAsync(await secretary.PostAsJsonAsync("/api/projects", new
        {
            name = "Wijkaanpak met gegevens van de Belastingdienst",
            kind = "AreaBased",
            municipality = Organisations.Rotterdam,
            participants = new[] { new { organisation = Organisations.Uwv, sharesData = true }, new { organisation = Organisations.Belastingdienst, sharesData = true } },
        }), HttpStatusCode.Conflict);

        Assert.Equal(["Belastingdienst deelt geen gegevens voor wijkgerichte aanpakken; deelname kan alleen zonder gegevensdeling."], Reasons(refused));
        var projects = await ReadAsync(await secretary.GetAsync(new Uri("/api/projects", UriKind.Relative)), HttpStatusCode.OK);
        Assert.Equal(0, projects.GetArrayLength());
    }
}
