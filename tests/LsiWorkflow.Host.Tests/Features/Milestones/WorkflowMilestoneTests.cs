using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Tests.Infrastructure;

namespace LsiWorkflow.Host.Tests.Features.Milestones;

/// <summary>Workflows reach the registers: a milestone activity records its milestone, and a commitment's workflow keeps it.</summary>
public sealed class WorkflowMilestoneTests(HostFixture host) : WorkflowTest(host)
{
    [Fact]
    public async Task A_commitment_workflow_refuses_an_empty_result_then_fulfils_its_commitment_and_records_the_milestone()
    {
        using var secretary = await Host.ClientForAsync(Secretary);
        var open = await ReadAsync(await secretary.GetAsync(new Uri("/api/commitments?status=Open", UriKind.Relative)), HttpStatusCode.OK);
        var commitment = open.EnumerateArray().First();
        var commitmentId = commitment.GetProperty("id").GetGuid();
        var instanceId = await StartAsync("commitment-tracking", new
        {
            title = commitment.GetProperty("text").GetString(),
            owner = Organisations.Szw,
            dueDate = commitment.GetProperty("dueOn").GetString(),
            commitmentId,
        });

        // Linked: the register lists the workflow's open task as what is outstanding.
        var listed = await CommitmentAsync(secretary, commitmentId);
        Assert.Contains(listed.GetProperty("outstanding").EnumerateArray(), o => o.GetString()!.StartsWith("Taak: ", StringComparison.Ordinal));

        var task = Assert.Single(await OpenTasksAsync(instanceId, "deliver"));
        var empty = await secretary.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome = "Gedaan", formValues = new { result = "  " } });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("Open", (await CommitmentAsync(secretary, commitmentId)).GetProperty("status").GetString());

        await CompleteAsync(instanceId, "deliver", "Gedaan", new { result = "Brief verzonden aan de Kamer" });

        var fulfilled = await CommitmentAsync(secretary, commitmentId);
        Assert.Equal(("Fulfilled", "2026-01-05"), (fulfilled.GetProperty("status").GetString(), fulfilled.GetProperty("fulfilledOn").GetString()));
        var milestones = await ReadAsync(await secretary.GetAsync(new Uri($"/api/milestones?subject=Commitment&subjectId={commitmentId}", UriKind.Relative)), HttpStatusCode.OK);
        var milestone = Assert.Single(milestones.EnumerateArray(), m => m.GetProperty("name").GetString() == "Toezegging nagekomen");
        Assert.Equal("2026-01-05", milestone.GetProperty("actualOn").GetString());
    }

    [Fact]
    public async Task The_designers_milestone_activity_records_a_reached_milestone_once_on_the_milestones_page()
    {
        await Host.PublishAsync("""
            {
              "schemaVersion": 1, "id": "interim-report", "name": "Tussenrapportage", "version": 1, "variables": [],
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "reached", "type": "Milestone", "properties": { "name": "Tussenrapportage verstuurd", "plannedDate": "2026-03-01" } },
                { "id": "end", "type": "End" }
              ],
              "connections": [ { "source": "start", "target": "reached" }, { "source": "reached", "target": "end" } ]
            }
            """);
        await StartAsync("interim-report", new { });

        using var ministry = await Host.ClientForAsync(Ministry);
        var milestones = await ReadAsync(await ministry.GetAsync(new Uri("/api/milestones", UriKind.Relative)), HttpStatusCode.OK);
        var milestone = Assert.Single(milestones.EnumerateArray(), m => m.GetProperty("name").GetString() == "Tussenrapportage verstuurd");
        Assert.Equal(("2026-03-01", "2026-01-05", "MultiYearPlan"),
            (milestone.GetProperty("plannedOn").GetString(), milestone.GetProperty("actualOn").GetString(), milestone.GetProperty("subject").GetString()));
    }

    private static async Task<JsonElement> CommitmentAsync(HttpClient client, Guid id)
    {
        var all = await ReadAsync(await client.GetAsync(new Uri("/api/commitments", UriKind.Relative)), HttpStatusCode.OK);
        return all.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == id);
    }
}
