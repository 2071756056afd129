using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LsiWorkflow.Host.Features.Instances;
using LsiWorkflow.Host.Features.Tasks;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Host.Tests.Infrastructure;
namespace LsiWorkflow.Host.Tests.Features.Tasks;

public sealed class InboxAccessTests(HostFixture host) : InboxTest(host)
{
    [Fact]
    public async Task A_partner_of_another_organisation_neither_sees_nor_opens_nor_decides_the_task()
    {
        await PublishApprovalAsync("UWV");
        var task = await TaskOfAsync(await StartAsync(), "UWV");

        using var ind = await Host.ClientForAsync(PartnerInd);
        var list = await ReadAsync(await ind.GetAsync("/api/tasks"), HttpStatusCode.OK);
        Assert.Equal(0, list.GetArrayLength());
        var organisation = await ReadAsync(await ind.GetAsync("/api/tasks?scope=Organisation"), HttpStatusCode.OK);
        Assert.Equal(0, organisation.GetArrayLength());
        await ReadAsync(await ind.GetAsync($"/api/tasks/{task.Id}"), HttpStatusCode.Forbidden);
        await ReadAsync(await ind.GetAsync($"/api/tasks/{task.Id}/page"), HttpStatusCode.Forbidden);
        await ReadAsync(await ind.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome = "Goedkeuren" }), HttpStatusCode.Forbidden);
        await ReadAsync(await ind.PostAsync($"/api/tasks/{task.Id}/claim", null), HttpStatusCode.Forbidden);

        using var uwv = await Host.ClientForAsync(PartnerUwv);
        var mine = await ReadAsync(await uwv.GetAsync("/api/tasks"), HttpStatusCode.OK);
        Assert.Equal(task.Id, Assert.Single(mine.EnumerateArray()).GetProperty("id").GetGuid());

        // The secretary sees it, but may not decide it: it is not hers.
        using var secretary = await Host.ClientForAsync(Secretary);
        var page = await ReadAsync(await secretary.GetAsync($"/api/tasks/{task.Id}/page"), HttpStatusCode.OK);
        Assert.False(page.GetProperty("permissions").GetProperty("mayComplete").GetBoolean());
        await ReadAsync(await secretary.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome = "Goedkeuren" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Deciding_a_task_a_colleague_just_decided_is_refused_plainly_and_a_rejection_needs_a_comment()
    {
        await PublishApprovalAsync("UWV");
        var instanceId = await StartAsync();
        var task = await TaskOfAsync(instanceId, "UWV");
        using var partner = await Host.ClientForAsync(PartnerUwv);
        using var colleague = await Host.ClientForAsync(ColleagueUwv);

        var refused = await ReadAsync(await partner.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome = "Afwijzen" }), HttpStatusCode.BadRequest);
        Assert.Contains("toelichting", refused.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);

        await ReadAsync(await partner.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome = "Goedkeuren", comment = "Akkoord" }), HttpStatusCode.OK);
        var late = await ReadAsync(await colleague.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome = "Afwijzen", comment = "Niet akkoord" }), HttpStatusCode.Conflict);
        Assert.StartsWith($"Deze taak is al afgerond door {PartnerUwv} (Goedkeuren", late.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_find_overdue_tasks_and_saved_views_belong_to_their_owner()
    {
        await PublishApprovalAsync("UWV");
        await StartAsync("Eerste");
        Host.Factory.Clock.Advance(TimeSpan.FromDays(10));
        await StartAsync("Tweede");
        Host.Factory.Clock.Advance(TimeSpan.FromDays(5));
        // Signed in only now: a token lives shorter than the fifteen days the clock just moved.
        using var partner = await Host.ClientForAsync(PartnerUwv);

        var overdue = await ReadAsync(await partner.GetAsync("/api/tasks?overdue=true"), HttpStatusCode.OK);
        Assert.Equal("Keur project Eerste goed", Assert.Single(overdue.EnumerateArray()).GetProperty("title").GetString());
        var all = await ReadAsync(await partner.GetAsync($"/api/tasks?definitionId={DefinitionId}&sort=Priority"), HttpStatusCode.OK);
        Assert.Equal(2, all.GetArrayLength());

        await ReadAsync(await partner.PutAsJsonAsync("/api/inbox/views", new { name = "Te laat", filter = new { overdue = true, sort = "Priority" } }), HttpStatusCode.OK);
        var views = await ReadAsync(await partner.GetAsync("/api/inbox/views"), HttpStatusCode.OK);
        var view = Assert.Single(views.EnumerateArray());
        Assert.True(view.GetProperty("filter").GetProperty("overdue").GetBoolean());
        using var colleague = await Host.ClientForAsync(ColleagueUwv);
        Assert.Equal(0, (await ReadAsync(await colleague.GetAsync("/api/inbox/views"), HttpStatusCode.OK)).GetArrayLength());
        await ReadAsync(await colleague.DeleteAsync($"/api/inbox/views/{view.GetProperty("id").GetGuid()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_inbox_filters_by_project_through_the_api_and_a_saved_view()
    {
        await PublishApprovalAsync("UWV");
        var south = Guid.NewGuid();
        var north = Guid.NewGuid();
        foreach (var (name, project) in new[] { ("Zuid", south), ("Noord", north), ("Zonder project", Guid.Empty) })
        {
            await SendAsync(m => m.Send(new StartInstance(DefinitionId, null, new JsonObject { ["projectName"] = name },
                project == Guid.Empty ? null : project.ToString(), SecretaryActor)).AsTask());
        }
        using var partner = await Host.ClientForAsync(PartnerUwv);

        var ofSouth = await ReadAsync(await partner.GetAsync($"/api/tasks?projectId={south}"), HttpStatusCode.OK);
        Assert.Equal("Keur project Zuid goed", Assert.Single(ofSouth.EnumerateArray()).GetProperty("title").GetString());
        Assert.Equal(3, (await ReadAsync(await partner.GetAsync("/api/tasks"), HttpStatusCode.OK)).GetArrayLength());
        using var svb = await Host.ClientForAsync(PartnerSvb);
        Assert.Equal(0, (await ReadAsync(await svb.GetAsync($"/api/tasks?projectId={south}"), HttpStatusCode.OK)).GetArrayLength());

        await ReadAsync(await partner.PutAsJsonAsync("/api/inbox/views", new { name = "Noord", filter = new { projectId = north } }), HttpStatusCode.OK);
        var view = Assert.Single((await ReadAsync(await partner.GetAsync("/api/inbox/views"), HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(north, view.GetProperty("filter").GetProperty("projectId").GetGuid());
        var tasks = await SendAsync(m => m.Send(new ListOpenTasks(new Actor(PartnerUwv, "UWV", new HashSet<string> { Roles.Partner }), 200, new TaskFilter(ProjectId: north))).AsTask());
        Assert.Equal("Keur project Noord goed", Assert.Single(tasks).Title);
    }
}
