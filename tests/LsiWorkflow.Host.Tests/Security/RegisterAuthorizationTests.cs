using System.Net;
using System.Net.Http.Json;
using LsiWorkflow.Domain.Seed;
using LsiWorkflow.Host.Tests.Infrastructure;
namespace LsiWorkflow.Host.Tests.Security;

public sealed class AuthorizationTests(HostFixture host) : DomainTest(host)
{
    private static readonly Guid ProgressReport2024 = LetterSeed.Id("milestone:progress-report:2024");
    private static readonly Guid JointDpiaCommitment = LetterSeed.Id("commitment:joint-dpia");

    [Fact]
    public async Task A_partner_reads_projects_but_cannot_change_them()
    {
        var projectId = await ProposeAreaBasedProjectAsync();
        using var partner = await Host.ClientForAsync(PartnerUwv);

        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync(new Uri("/api/projects", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.PostAsJsonAsync("/api/projects", new { name = "Eigen project", kind = "AreaBased" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.PostAsJsonAsync($"/api/projects/{projectId}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.PostAsJsonAsync($"/api/projects/{projectId}/adopt", new { })).StatusCode);
    }

    [Fact]
    public async Task Ministry_staff_read_milestones_and_commitments_but_change_nothing()
    {
        var projectId = await ProposeAreaBasedProjectAsync();
        using var ministry = await Host.ClientForAsync(Ministry);

        var milestones = await ReadAsync(await ministry.GetAsync(new Uri("/api/milestones", UriKind.Relative)), HttpStatusCode.OK);
        await ReadAsync(await ministry.GetAsync(new Uri("/api/commitments", UriKind.Relative)), HttpStatusCode.OK);

        Assert.Contains(milestones.EnumerateArray(), m => m.GetProperty("id").GetGuid() == ProgressReport2024);
        Assert.Equal(HttpStatusCode.Forbidden, (await ministry.PostAsJsonAsync($"/api/milestones/{ProgressReport2024}/reached", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ministry.PostAsJsonAsync($"/api/commitments/{JointDpiaCommitment}/fulfil", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ministry.PostAsJsonAsync($"/api/projects/{projectId}/close", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ministry.PostAsJsonAsync("/api/dpias", new { kind = "JointPhenomenonBased", title = "DPIA" })).StatusCode);
    }

    [Fact]
    public async Task A_partner_may_not_read_milestones()
    {
        using var partner = await Host.ClientForAsync(PartnerUwv);

        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync(new Uri("/api/milestones", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("/api/projects")]
    [InlineData("/api/dpias")]
    [InlineData("/api/milestones")]
    [InlineData("/api/commitments")]
    [InlineData("/api/covenant")]
    [InlineData("/api/evaluations/latest")]
    [InlineData("/api/plan")]
    public async Task Anonymous_callers_get_401(string path)
    {
        using var anonymous = Host.CreateClient();

        var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
