using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LsiWorkflow.Domain;
using LsiWorkflow.Domain.Seed;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LsiWorkflow.Host.Tests.Workflows;

/// <summary>
/// The letter's moratorium through the project-approval workflow: a new area-based project is held at the start
/// gate while the joint DPIA is not adopted, a project started earlier keeps running, and adopting the DPIA lets
/// the held project start without anyone touching its workflow.
/// </summary>
public sealed class ProjectApprovalWorkflowTests(HostFixture host) : WorkflowTest(host)
{
    private const string Moratorium = "Geen nieuwe wijkgerichte aanpak zolang de gezamenlijke DPIA wijkgerichte aanpak niet is vastgesteld.";

    private static readonly Guid JointDpiaId = LetterSeed.Id("dpia:joint-area-based");

    [Fact]
    public async Task A_blocked_area_based_project_waits_for_the_joint_dpia_and_starts_by_itself_once_it_is_adopted()
    {
        var earlier = await StoreProjectStartedUnderEarlierDpiaAsync();
        var projectId = await ProposeReadyProjectAsync();

        var instanceId = await StartAsync("project-approval", new { projectId });
        await CompleteAsync(instanceId, "intake", "Compleet");
        var partnerTasks = await CompleteAsync(instanceId, "partners", "Akkoord");
        await CompleteAsync(instanceId, "steering", "Goedkeuren");

        // One task per participating partner, whether or not it shares data.
        Assert.Equal([Organisations.Belastingdienst, Organisations.Uwv], partnerTasks.Select(t => t.Organisation));
        var held = await StateAsync(instanceId);
        Assert.Equal(WorkflowStatus.Waiting, held.Status);
        var wait = Assert.Single(held.Bookmarks);
        Assert.Equal(("wait_dpia", "DpiaCompleted", "joint-area-based"), (wait.ActivityId, wait.EventName, wait.CorrelationKey));
        var gate = Output(held, "gate_start");
        Assert.False(gate["passed"]!.GetValue<bool>());
        Assert.Equal(Moratorium, gate["reasons"]![0]!["message"]!.GetValue<string>());
        var blocked = (await Host.JournalAsync(instanceId)).Single(j => j.ActivityId == "gate_start");
        Assert.Equal("Blocked", blocked.Outcome);
        Assert.Contains(Moratorium, blocked.Message, StringComparison.Ordinal);
        Assert.Equal("Approved", await StatusOfAsync(projectId));
        Assert.Equal("Started", await StatusOfAsync(earlier));

        // The DPIA is adopted through the API by people who know nothing of the waiting workflow.
        using var secretary = await Host.ClientForAsync(Secretary);
        using var partner = await Host.ClientForAsync(PartnerUwv);
        await ReadAsync(await secretary.PostAsJsonAsync($"/api/dpias/{JointDpiaId}/submit", new { }), HttpStatusCode.OK);
        await ReadAsync(await partner.PostAsJsonAsync($"/api/dpias/{JointDpiaId}/approve", new { }), HttpStatusCode.OK);
        await ReadAsync(await secretary.PostAsJsonAsync($"/api/dpias/{JointDpiaId}/adopt", new { }), HttpStatusCode.OK);
        await SettleAsync();

        var finished = await StateAsync(instanceId);
        Assert.True(finished.Status == WorkflowStatus.Finished, await DescribeAsync(instanceId));
        Assert.Equal("Started", await StatusOfAsync(projectId));
        Assert.Equal("Started", await StatusOfAsync(earlier));
        Assert.Equal(["Blocked", "Pass"], (await Host.JournalAsync(instanceId)).Where(j => j.ActivityId == "gate_start").Select(j => j.Outcome));
        var audit = await AuditOfAsync(projectId);
        Assert.Equal(["ProjectProposed", "ProjectParticipantAdded", "ProjectParticipantAdded", "ProjectAdopted", "PrivacyProtocolSet", "ProjectApproved", "ProjectStarted"],
            audit.Select(a => a.Action));
        Assert.StartsWith($"systeem (werkstroom project-approval {instanceId:D})", audit[^1].ActorUserName, StringComparison.Ordinal);
        Assert.Contains(await NotificationsAsync(), n => n.Subject == "Project Wijkaanpak Rotterdam-Zuid is gestart");
    }

    [Fact]
    public async Task The_gate_passes_or_blocks_with_every_reason_of_the_domain()
    {
        using var secretary = await Host.ClientForAsync(Secretary);
        var bare = await ProposeAreaBasedProjectAsync("Wijkaanpak Den Haag-Zuidwest");
        var ready = await ProposeReadyProjectAsync();

        var blocked = await RunGateAsync(bare, "Approve");
        var passed = await RunGateAsync(ready, "Approve");

        Assert.Equal("Blocked", blocked.Outcome);
        Assert.Equal(["HasAdoptingSteeringGroupMember", "HasPrivacyProtocol"], blocked.Output["reasons"]!.AsArray().Select(r => r!["gate"]!.GetValue<string>()));
        Assert.Null(blocked.Output["dpiaEventKey"]);
        Assert.Equal("Pass", passed.Outcome);
        Assert.Empty(passed.Output["reasons"]!.AsArray());
        Assert.Equal([Organisations.Belastingdienst, Organisations.Uwv], passed.Output["project"]!["participants"]!.AsArray().Select(p => p!.GetValue<string>()).Order());
        // Asking is not acting: the gate changes nothing.
        Assert.Equal("Proposed", await StatusOfAsync(ready));
    }

    /// <summary>Runs a one-gate definition in the engine with the host's services, as a burst would.</summary>
    private Task<(string Outcome, JsonObject Output)> RunGateAsync(Guid projectId, string transition) =>
        Host.InScopeAsync(async services =>
        {
            var definition = LsiWorkflow.Engine.Definitions.DefinitionSerializer.Parse($$"""
                {
                  "schemaVersion": 1, "id": "gate-check", "name": "Poorttoets", "version": 1, "variables": [ { "name": "outcome", "type": "string" } ],
                  "activities": [
                    { "id": "start", "type": "Start" },
                    { "id": "gate", "type": "Gate", "properties": { "projectId": { "expr": "input.projectId" }, "transition": "{{transition}}" } },
                    { "id": "pass", "type": "SetVariable", "properties": { "variable": "outcome", "value": "Pass" } },
                    { "id": "blocked", "type": "SetVariable", "properties": { "variable": "outcome", "value": "Blocked" } }
                  ],
                  "connections": [
                    { "source": "start", "target": "gate" },
                    { "source": "gate", "outcome": "Pass", "target": "pass" },
                    { "source": "gate", "outcome": "Blocked", "target": "blocked" }
                  ]
                }
                """);
            var engine = services.GetRequiredService<LsiWorkflow.Runtime.EngineServices>();
            Assert.True(engine.Validator.Validate(definition).IsValid);
            var result = await engine.CreateRunner(services).StartAsync(definition, new StartRequest { Input = new JsonObject { ["projectId"] = projectId.ToString() } });
            Assert.Empty(result.State.Incidents);
            return (result.State.Variables["outcome"]!.GetValue<string>(), (JsonObject)result.State.ActivityOutputs["gate"]!);
        });

    /// <summary>An area-based project in Rotterdam with UWV sharing data and the Belastingdienst taking part without, adopted and with a privacy protocol.</summary>
    private async Task<Guid> ProposeReadyProjectAsync()
    {
        var projectId = await ProposeAreaBasedProjectAsync();
        using var secretary = await Host.ClientForAsync(Secretary);
        using var member = await Host.ClientForAsync(SteeringMemberUwv);
        await ReadAsync(await secretary.PostAsJsonAsync($"/api/projects/{projectId}/participants", new { organisation = Organisations.Uwv, sharesData = true }), HttpStatusCode.OK);
        await ReadAsync(await secretary.PostAsJsonAsync($"/api/projects/{projectId}/participants", new { organisation = Organisations.Belastingdienst, sharesData = false }), HttpStatusCode.OK);
        await ReadAsync(await member.PostAsJsonAsync($"/api/projects/{projectId}/adopt", new { }), HttpStatusCode.OK);
        await ReadAsync(await secretary.PutAsJsonAsync($"/api/projects/{projectId}/privacy-protocol", new { reference = "Modelprivacyprotocol LSI v2" }), HttpStatusCode.OK);
        return projectId;
    }

    private async Task<string> StatusOfAsync(Guid projectId)
    {
        using var secretary = await Host.ClientForAsync(Secretary);
        var project = await ReadAsync(await secretary.GetAsync(new Uri($"/api/projects/{projectId}", UriKind.Relative)), HttpStatusCode.OK);
        return project.GetProperty("status").GetString()!;
    }

    private Task<List<AuditEntry>> AuditOfAsync(Guid projectId) =>
        Host.InScopeAsync(services => services.GetRequiredService<LsiDbContext>().Set<AuditEntry>().AsNoTracking()
            .Where(a => a.ProjectId == projectId).OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync());
}
