using LsiWorkflow.Host.Features.Designer;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Tests.Infrastructure;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LsiWorkflow.Host.Tests.Features.Designer;

public sealed class DryRunTests(HostFixture host) : HostTest(host)
{
    [Fact]
    public async Task A_dry_run_follows_the_chosen_outcomes_to_the_end_without_creating_tasks_or_instances()
    {
        var json = File.ReadAllText(Path.Combine(DefinitionCanvasTests.RepositoryRoot(), "tests", "LsiWorkflow.Engine.Tests", "Definitions", "project-approval.json"));

        var run = await SendAsync(new DryRunStep(Actors.Secretary, json, null, Input: new() { ["projectName"] = "Wijkaanpak Zuid" }));
        Assert.Equal("Waiting", run.Status);
        Assert.Equal(["approve"], run.Waiting);
        Assert.Equal(2, run.Tasks.Count); // one per organisation, completion "all"
        Assert.All(run.Tasks, t => Assert.Equal(["Goedkeuren", "Afwijzen", "Aanpassen"], t.Outcomes));

        foreach (var task in run.Tasks)
        {
            run = await SendAsync(new DryRunStep(Actors.Secretary, json, run.StateJson, task.BookmarkId, task.TaskId, "Goedkeuren"));
        }

        Assert.Equal("Finished", run.Status);
        Assert.Contains("milestone", run.Visited);
        Assert.DoesNotContain("notify", run.Visited);
        var stored = await Host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<LsiDbContext>();
            return await db.Set<TaskRecord>().CountAsync() + await db.Set<InstanceRecord>().CountAsync();
        });
        Assert.Equal(0, stored);
    }

    private Task<T> SendAsync<T>(IQuery<T> query) => Host.InScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(query).AsTask());
}
