using System.Net;
using System.Net.Http.Json;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Tests.Infrastructure;
namespace LsiWorkflow.Host.Tests.Features.Projects;

public sealed class ProjectGateTests(HostFixture host) : DomainTest(host)
{
    [Fact]
    public async Task Belastingdienst_as_data_sharing_participant_of_an_area_based_project_is_refused()
    {
        var projectId = await ProposeAreaBasedProjectAsync();
        using var secretary = await Host.ClientForAsync(Secretary);

        var refused = await ReadAsync(
            await secretary.PostAsJsonAsync($"/api/projects/{projectId}/participants", new { organisation = Organisations.Belastingdienst, sharesData = true }),
            HttpStatusCode.Conflict);
        var withoutData = await ReadAsync(
            await secretary.PostAsJsonAsync($"/api/projects/{projectId}/participants", new { organisation = Organisations.Belastingdienst, sharesData = false }),
            HttpStatusCode.OK);

        Assert.Equal(["Belastingdienst deelt geen gegevens voor wijkgerichte aanpakken; deelname kan alleen zonder gegevensdeling."], Reasons(refused));
        var participant = Assert.Single(withoutData.GetProperty("participants").EnumerateArray());
        Assert.Equal(Organisations.Belastingdienst, participant.GetProperty("organisation").GetString());
        Assert.False(participant.GetProperty("sharesData").GetBoolean());
    }

    [Fact]
    public async Task Approval_without_steering_group_member_and_privacy_protocol_is_refused_with_both_reasons()
    {
        var projectId = await ProposeAreaBasedProjectAsync();
        using var secretary = await Host.ClientForAsync(Secretary);

        var refused = await ReadAsync(await secretary.PostAsJsonAsync($"/api/projects/{projectId}/approve", new { }), HttpStatusCode.Conflict);

        Assert.Equal(
            ["Het project is nog niet geadopteerd door een lid van de Stuurgroep.", "Het project heeft nog geen privacyprotocol."],
            Reasons(refused));
        var project = await ReadAsync(await secretary.GetAsync(new Uri($"/api/projects/{projectId}", UriKind.Relative)), HttpStatusCode.OK);
        Assert.Equal("Proposed", project.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Adoption_records_the_steering_group_member_of_the_actors_organisation()
    {
        var projectId = await ProposeAreaBasedProjectAsync();
        using var member = await Host.ClientForAsync(SteeringMemberUwv);

        var adopted = await ReadAsync(await member.PostAsJsonAsync($"/api/projects/{projectId}/adopt", new { }), HttpStatusCode.OK);

        Assert.Equal(Organisations.Uwv, adopted.GetProperty("adoptedBy").GetProperty("organisation").GetString());
    }
}
