using System.Net;
using System.Net.Http.Json;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LsiWorkflow.Host.Tests.Features.Projects;

/// <summary>
/// A client that lost the answer (the host died after committing) sends the request again. Found by the crash
/// fault test: a repeated adoption was audited twice although nothing changed the second time.
/// </summary>
public sealed class RepeatedRequestTests(HostFixture host) : DomainTest(host)
{
    [Fact]
    public async Task Adopting_or_setting_the_same_privacy_protocol_again_changes_nothing_and_is_audited_once()
    {
        var projectId = await ProposeAreaBasedProjectAsync();
        using var member = await Host.ClientForAsync(SteeringMemberUwv);
        using var secretary = await Host.ClientForAsync(Secretary);

        for (var i = 0; i < 2; i++)
        {
            await ReadAsync(await member.PostAsJsonAsync($"/api/projects/{projectId}/adopt", new { }), HttpStatusCode.OK);
            await ReadAsync(await secretary.PutAsJsonAsync($"/api/projects/{projectId}/privacy-protocol", new { reference = "Modelprivacyprotocol LSI v2" }), HttpStatusCode.OK);
        }
        await ReadAsync(await secretary.PutAsJsonAsync($"/api/projects/{projectId}/privacy-protocol", new { reference = "Modelprivacyprotocol LSI v3" }), HttpStatusCode.OK);

        var actions = await Host.InScopeAsync(services => services.GetRequiredService<LsiDbContext>().Set<AuditEntry>().AsNoTracking()
            .Where(a => a.ProjectId == projectId).OrderBy(a => a.At).ThenBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["ProjectProposed", "ProjectAdopted", "PrivacyProtocolSet", "PrivacyProtocolSet"], actions);
    }
}
