using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LsiWorkflow.Domain;
using LsiWorkflow.Domain.Gates;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.Startup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LsiWorkflow.Host.Tests.Infrastructure;

/// <summary>Tests of the LSI domain: the letter seeded, and one user per role the rules distinguish.</summary>
public abstract class DomainTest(HostFixture host) : HostTest(host)
{
    protected const string Secretary = "secretaris";
    protected const string SteeringMemberUwv = "stuurgroep.uwv";
    protected const string PartnerUwv = "partner.uwv";
    protected const string PartnerBd = "partner.bd";
    protected const string Ministry = "ministerie";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SeedLetterAsync();
        await Host.CreateUserAsync(Secretary, Organisations.Szw, Roles.Secretary);
        await Host.CreateUserAsync(SteeringMemberUwv, Organisations.Uwv, Roles.SteeringGroupMember);
        await Host.CreateUserAsync(PartnerUwv, Organisations.Uwv, Roles.Partner);
        await Host.CreateUserAsync(PartnerBd, Organisations.Belastingdienst, Roles.Partner);
        await Host.CreateUserAsync(Ministry, Organisations.Szw, Roles.MinistryStaff);
    }

    protected Task SeedLetterAsync() =>
        Host.InScopeAsync(async services =>
        {
            await services.GetRequiredService<LetterSeeder>().SeedAsync();
            return true;
        });

    protected static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    protected static IReadOnlyList<string> Reasons(JsonElement problem) =>
        [.. problem.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!)];

    /// <summary>Proposes an area-based project in Rotterdam as the secretary; returns its id.</summary>
    protected async Task<Guid> ProposeAreaBasedProjectAsync(string name = "Wijkaanpak Rotterdam-Zuid", string? reason = null)
    {
        using var secretary = await Host.ClientForAsync(Secretary);
        var project = await ReadAsync(
            await secretary.PostAsJsonAsync("/api/projects", new { name, kind = "AreaBased", municipality = Organisations.Rotterdam, reason }),
            HttpStatusCode.Created);
        return project.GetProperty("id").GetGuid();
    }

    /// <summary>Takes a proposed project through adoption, privacy protocol and approval, as the roles that may do so.</summary>
    protected async Task ApproveAsync(Guid projectId)
    {
        using var member = await Host.ClientForAsync(SteeringMemberUwv);
        await ReadAsync(await member.PostAsJsonAsync($"/api/projects/{projectId}/adopt", new { }), HttpStatusCode.OK);
        using var secretary = await Host.ClientForAsync(Secretary);
        await ReadAsync(await secretary.PutAsJsonAsync($"/api/projects/{projectId}/privacy-protocol", new { reference = "Modelprivacyprotocol LSI v2" }), HttpStatusCode.OK);
        await ReadAsync(await secretary.PostAsJsonAsync($"/api/projects/{projectId}/approve", new { }), HttpStatusCode.OK);
    }

    /// <summary>
    /// A project that started in 2022, when the then joint DPIA was in force. That DPIA is not in our register,
    /// so the gate is given an adopted one for that day; only the project is stored.
    /// </summary>
    protected async Task<Guid> StoreProjectStartedUnderEarlierDpiaAsync() =>
        await Host.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<LsiDbContext>();
            var rotterdam = await db.Set<Organisation>().SingleAsync(o => o.Code == Organisations.Rotterdam);
            var uwv = await db.Set<Organisation>().SingleAsync(o => o.Code == Organisations.Uwv);
            var member = (await db.Set<SteeringGroup>().SingleAsync()).Members.Single(m => m.OrganisationId == uwv.Id);
            var earlierDpia = Dpia.Joint(DpiaKind.JointAreaBased, "Gezamenlijke DPIA wijkgerichte aanpak (2021)");
            earlierDpia.SubmitForReview();
            earlierDpia.Approve(uwv, "privacy officer", new DateOnly(2021, 11, 1));
            earlierDpia.Adopt(new DateOnly(2021, 12, 1));

            var project = new Project("Wijkaanpak Rotterdam-Noord", ProjectKind.AreaBased, new DateOnly(2022, 1, 10), rotterdam);
            project.AdoptBy(member);
            project.SetPrivacyProtocol("Privacyprotocol 2021");
            Assert.True(project.Approve(new ProjectGateContext(new DateOnly(2022, 2, 1))).Passed);
            Assert.True(project.Start(new ProjectGateContext(new DateOnly(2022, 3, 1)) { JointAreaBasedDpia = earlierDpia }).Passed);
            db.Add(project);
            await db.SaveChangesAsync();
            return project.Id;
        });
}
