using System.Net;
using System.Net.Http.Json;
using LsiWorkflow.Domain;
using LsiWorkflow.Domain.Seed;
using LsiWorkflow.Host.Tests.Infrastructure;
namespace LsiWorkflow.Host.Tests.Features.Projects;

/// <summary>The letter: until the renewed joint DPIA is done, no new area-based approach starts; started projects continue.</summary>
public sealed class DpiaMoratoriumTests(HostFixture host) : DomainTest(host)
{
    private const string Moratorium = "Geen nieuwe wijkgerichte aanpak zolang de gezamenlijke DPIA wijkgerichte aanpak niet is vastgesteld.";

    private static readonly Guid JointDpiaId = LetterSeed.Id("dpia:joint-area-based");

    [Fact]
    public async Task Starting_an_area_based_project_is_refused_while_the_joint_dpia_is_not_adopted()
    {
        var projectId = await ProposeAreaBasedProjectAsync();
        await ApproveAsync(projectId);
        using var secretary = await Host.ClientForAsync(Secretary);

        var refused = await ReadAsync(await secretary.PostAsJsonAsync($"/api/projects/{projectId}/start", new { }), HttpStatusCode.Conflict);

        Assert.Equal([Moratorium], Reasons(refused));
        var project = await ReadAsync(await secretary.GetAsync(new Uri($"/api/projects/{projectId}", UriKind.Relative)), HttpStatusCode.OK);
        Assert.Equal("Approved", project.GetProperty("status").GetString());
        var next = project.GetProperty("nextTransition");
        Assert.Equal("Start", next.GetProperty("transition").GetString());
        Assert.False(next.GetProperty("allowed").GetBoolean());
        Assert.Equal(Moratorium, next.GetProperty("reasons")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_project_started_before_the_moratorium_stays_started_and_can_close()
    {
        var projectId = await StoreProjectStartedUnderEarlierDpiaAsync();
        using var secretary = await Host.ClientForAsync(Secretary);

        var project = await ReadAsync(await secretary.GetAsync(new Uri($"/api/projects/{projectId}", UriKind.Relative)), HttpStatusCode.OK);
        Assert.Equal("Started", project.GetProperty("status").GetString());
        Assert.True(project.GetProperty("nextTransition").GetProperty("allowed").GetBoolean());

        var closed = await ReadAsync(await secretary.PostAsJsonAsync($"/api/projects/{projectId}/close", new { reason = "Afgerond" }), HttpStatusCode.OK);
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task After_the_joint_dpia_is_adopted_the_area_based_project_starts()
    {
        var projectId = await ProposeAreaBasedProjectAsync();
        await ApproveAsync(projectId);
        using var secretary = await Host.ClientForAsync(Secretary);
        using var partner = await Host.ClientForAsync(PartnerUwv);
        await ReadAsync(await secretary.PostAsJsonAsync($"/api/projects/{projectId}/start", new { }), HttpStatusCode.Conflict);

        await ReadAsync(await secretary.PostAsJsonAsync($"/api/dpias/{JointDpiaId}/submit", new { }), HttpStatusCode.OK);
        var approved = await ReadAsync(await partner.PostAsJsonAsync($"/api/dpias/{JointDpiaId}/approve", new { }), HttpStatusCode.OK);
        var adopted = await ReadAsync(await secretary.PostAsJsonAsync($"/api/dpias/{JointDpiaId}/adopt", new { }), HttpStatusCode.OK);
        var started = await ReadAsync(await secretary.PostAsJsonAsync($"/api/projects/{projectId}/start", new { }), HttpStatusCode.OK);

        // The partner approves for the organisation of their sign-in.
        Assert.Equal(Organisations.Uwv, approved.GetProperty("approvals")[0].GetProperty("organisation").GetString());
        Assert.Equal("Adopted", adopted.GetProperty("status").GetString());
        Assert.Equal("Started", started.GetProperty("status").GetString());
        Assert.Equal("2026-01-05", started.GetProperty("startedOn").GetString());
    }

    [Fact]
    public async Task A_partner_cannot_adopt_a_dpia_it_may_approve()
    {
        using var secretary = await Host.ClientForAsync(Secretary);
        using var partner = await Host.ClientForAsync(PartnerUwv);
        await ReadAsync(await secretary.PostAsJsonAsync($"/api/dpias/{JointDpiaId}/submit", new { }), HttpStatusCode.OK);

        var refused = await partner.PostAsJsonAsync($"/api/dpias/{JointDpiaId}/adopt", new { });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
