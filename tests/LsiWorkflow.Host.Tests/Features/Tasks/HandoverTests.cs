using System.Net;
using System.Net.Http.Json;
using LsiWorkflow.Host.Tests.Infrastructure;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Tests.Features.Tasks;

public sealed class HandoverTests(HostFixture host) : InboxTest(host)
{
    [Fact]
    public async Task A_claimed_task_is_decided_by_its_claimant_or_whoever_it_is_handed_to()
    {
        await PublishApprovalAsync("UWV");
        var instanceId = await StartAsync();
        var task = await TaskOfAsync(instanceId, "UWV");
        using var partner = await Host.ClientForAsync(PartnerUwv);
        using var colleague = await Host.ClientForAsync(ColleagueUwv);

        await ReadAsync(await partner.PostAsync($"/api/tasks/{task.Id}/claim", null), HttpStatusCode.NoContent);
        await ReadAsync(await colleague.PostAsync($"/api/tasks/{task.Id}/claim", null), HttpStatusCode.Conflict);
        var refused = await ReadAsync(await colleague.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome = "Goedkeuren" }), HttpStatusCode.Forbidden);
        Assert.Contains(PartnerUwv, refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // The colleague still sees it, as a task of the organisation.
        Assert.Equal(1, (await ReadAsync(await colleague.GetAsync("/api/tasks?scope=Organisation"), HttpStatusCode.OK)).GetArrayLength());

        await ReadAsync(await partner.PostAsJsonAsync($"/api/tasks/{task.Id}/reassign", new { userName = PartnerSvb }), HttpStatusCode.BadRequest);
        await ReadAsync(await partner.PostAsJsonAsync($"/api/tasks/{task.Id}/reassign", new { userName = ColleagueUwv }), HttpStatusCode.NoContent);
        await ReadAsync(await partner.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome = "Goedkeuren" }), HttpStatusCode.Forbidden);
        await ReadAsync(await colleague.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome = "Goedkeuren" }), HttpStatusCode.OK);

        var journal = await DbAsync(db => db.Set<JournalRecord>().AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Id).Select(j => j.Message).ToListAsync());
        Assert.Contains($"Taak 'Keur project Wijkaanpak Zuid goed' opgepakt door {PartnerUwv}.", journal);
        Assert.Contains($"Taak 'Keur project Wijkaanpak Zuid goed' overgedragen van UWV aan {ColleagueUwv}.", journal);
    }

    [Fact]
    public async Task Tasks_of_a_person_who_is_away_go_to_the_substitute_and_the_journal_says_so()
    {
        await PublishApprovalAsync("UWV");
        var instanceId = await StartAsync();
        var task = await TaskOfAsync(instanceId, "UWV");
        using var partner = await Host.ClientForAsync(PartnerUwv);
        using var colleague = await Host.ClientForAsync(ColleagueUwv);
        await ReadAsync(await partner.PostAsync($"/api/tasks/{task.Id}/claim", null), HttpStatusCode.NoContent);

        await ReadAsync(await partner.PostAsJsonAsync("/api/inbox/absence", new { substituteUserName = PartnerSvb }), HttpStatusCode.BadRequest);
        await ReadAsync(await colleague.PostAsJsonAsync("/api/inbox/absence", new { substituteUserName = ColleagueUwv, userName = PartnerUwv }), HttpStatusCode.Forbidden);
        var absence = await ReadAsync(await partner.PostAsJsonAsync("/api/inbox/absence", new { substituteUserName = ColleagueUwv }), HttpStatusCode.OK);
        Assert.Equal(1, absence.GetProperty("tasksMoved").GetInt32());

        var mine = await ReadAsync(await colleague.GetAsync("/api/tasks?scope=Mine"), HttpStatusCode.OK);
        Assert.Equal(task.Id, Assert.Single(mine.EnumerateArray()).GetProperty("id").GetGuid());
        await ReadAsync(await colleague.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome = "Goedkeuren" }), HttpStatusCode.OK);
        var journal = await DbAsync(db => db.Set<JournalRecord>().AsNoTracking().Where(j => j.InstanceId == instanceId).Select(j => j.Message).ToListAsync());
        Assert.Contains($"Taak 'Keur project Wijkaanpak Zuid goed' naar vervanger {ColleagueUwv}: {PartnerUwv} is afwezig.", journal);
        await ReadAsync(await partner.DeleteAsync("/api/inbox/absence"), HttpStatusCode.NoContent);
    }
}
