using System.Net;
using System.Net.Http.Json;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Tests.Infrastructure;
using TaskStatus = LsiWorkflow.Runtime.Persistence.TaskStatus;

namespace LsiWorkflow.Host.Tests.Runtime;

/// <summary>
/// The race of infra/faults/race.sh, smaller: two people of one organisation decide the same task at the same
/// moment, a hundred times. The long version runs a thousand trials against a separate host process.
/// </summary>
public sealed class ConcurrentCompletionTests(HostFixture host) : HostTest(host)
{
    private const int Trials = 100;

    [Fact]
    public async Task Of_two_people_deciding_one_task_at_once_exactly_one_succeeds_and_the_other_hears_409()
    {
        await Host.CreateUserAsync("uwv-a", "UWV", Roles.Partner);
        await Host.CreateUserAsync("uwv-b", "UWV", Roles.Partner);
        await Host.PublishAsync(Definitions.Approval("gelijktijdig", "UWV"));
        var instances = new List<Guid>();
        for (var i = 0; i < Trials; i++)
        {
            instances.Add(await Host.StartAsync("gelijktijdig"));
        }
        using var first = await Host.ClientForAsync("uwv-a");
        using var second = await Host.ClientForAsync("uwv-b");

        var outcomes = new List<(Guid Instance, HttpStatusCode A, HttpStatusCode B)>();
        foreach (var instance in instances)
        {
            var task = Assert.Single(await Host.TasksAsync(instance)).Id;
            using var go = new Barrier(2);
            var a = Task.Run(() => { go.SignalAndWait(); return first.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "Goedkeuren" }); });
            var b = Task.Run(() => { go.SignalAndWait(); return second.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "Afwijzen", comment = "Tegelijk besloten" }); });
            var replies = await Task.WhenAll(a, b);
            outcomes.Add((instance, replies[0].StatusCode, replies[1].StatusCode));
            foreach (var reply in replies)
            {
                reply.Dispose();
            }
        }

        var unexpected = outcomes.Where(o => new[] { o.A, o.B }.Order().SequenceEqual([HttpStatusCode.OK, HttpStatusCode.Conflict]) is false).ToList();
        Assert.True(unexpected.Count == 0, $"Not one 200 and one 409: {string.Join("; ", unexpected.Take(5))}");
        foreach (var (instance, a, _) in outcomes)
        {
            var task = Assert.Single(await Host.TasksAsync(instance));
            Assert.Equal(TaskStatus.Completed, task.Status);
            // The winner's decision is the one recorded, and the instance went on once.
            Assert.Equal(a == HttpStatusCode.OK ? "Goedkeuren" : "Afwijzen", task.Outcome);
            Assert.Single(await Host.JournalAsync(instance), j => j.ActivityId == "approve" && j.Outcome is not null);
            Assert.Equal("Finished", (await Host.InstanceAsync(instance)).Status);
        }
    }
}
