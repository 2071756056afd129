using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LsiWorkflow.Host.Features.Designer;
using LsiWorkflow.Host.Features.Instances;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Host.Tests.Infrastructure;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;
using TaskStatus = LsiWorkflow.Runtime.Persistence.TaskStatus;

namespace LsiWorkflow.Host.Tests.Runtime;

public sealed class RuntimeTests(HostFixture host) : HostTest(host)
{
    [Fact]
    public async Task Invalid_definition_is_refused_with_every_problem_and_nothing_is_saved()
    {
        await Host.CreateUserAsync("secretaris", "SZW", Roles.Secretary);
        using var client = await Host.ClientForAsync("secretaris");
        var broken = JsonNode.Parse(Definitions.Approval("kapot", "UWV"))!.AsObject();
        broken["connections"]!.AsArray().Add(new JsonObject { ["source"] = "approve", ["outcome"] = "Misschien", ["target"] = "end" });
        broken["activities"]!.AsArray().Add(new JsonObject { ["id"] = "ghost", ["type"] = "Teleport" });

        var response = await client.PutAsJsonAsync("/api/workflows/drafts", new { definition = broken });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var paths = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains(paths, p => p.StartsWith("$.connections[", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.StartsWith("$.activities[5]", StringComparison.Ordinal));
        Assert.Empty(await Host.SendAsync(new ListDefinitions(Actors.Secretary)));
    }

    [Fact]
    public async Task An_instance_runs_to_its_end_on_the_version_it_started_with()
    {
        await Host.PublishAsync(Definitions.Approval("versies", "UWV"));
        var onFirst = await Host.StartAsync("versies");
        var second = JsonNode.Parse(Definitions.Approval("versies", "SVB"))!.AsObject();
        var published = await Host.PublishAsync(second.ToJsonString());
        Assert.Equal(2, published.Version);

        var onSecond = await Host.StartAsync("versies");

        Assert.Equal(1, (await Host.InstanceAsync(onFirst)).DefinitionVersion);
        Assert.Equal("UWV", Assert.Single(await Host.TasksAsync(onFirst)).Organisation);
        Assert.Equal("SVB", Assert.Single(await Host.TasksAsync(onSecond)).Organisation);
    }

    [Fact]
    public async Task Completing_a_task_moves_the_instance_on_and_the_journal_says_who()
    {
        await Host.CreateUserAsync("uwv", "UWV", Roles.Partner);
        await Host.PublishAsync(Definitions.Approval("een-taak", "UWV"));
        var instanceId = await Host.StartAsync("een-taak");
        var task = Assert.Single(await Host.TasksAsync(instanceId));
        using var partner = await Host.ClientForAsync("uwv");

        var response = await partner.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome = "Goedkeuren" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Finished", (await Host.InstanceAsync(instanceId)).Status);
        var journal = await Host.JournalAsync(instanceId);
        Assert.Contains(journal, j => j.ActivityId == "approve" && j.Outcome == "Goedkeuren" && j.Actor == "uwv");
        Assert.Contains(journal, j => j.ActivityId == "yes");
        // A closed task gets no more reminders.
        Assert.All((await Host.TimersAsync()).Where(t => t.TaskId == task.Id), t => Assert.Equal(TimerStatus.Cancelled, t.Status));
    }

    [Fact]
    public async Task Completing_a_task_twice_returns_conflict_and_one_transition()
    {
        await Host.CreateUserAsync("uwv-1", "UWV", Roles.Partner);
        await Host.CreateUserAsync("uwv-2", "UWV", Roles.Partner);
        await Host.PublishAsync(Definitions.Approval("twee-keer", "UWV"));
        var instanceId = await Host.StartAsync("twee-keer");
        var task = Assert.Single(await Host.TasksAsync(instanceId));
        using var first = await Host.ClientForAsync("uwv-1");
        using var second = await Host.ClientForAsync("uwv-2");

        var responses = await Task.WhenAll(
            first.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome = "Goedkeuren" }),
            second.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome = "Afwijzen", comment = "Onvolledig" }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var loser = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        var problem = await loser.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("al afgerond", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var journal = await Host.JournalAsync(instanceId);
        Assert.Single(journal, j => j.ActivityId == "approve" && j.Outcome is not null);
    }

    [Fact]
    public async Task Fifty_concurrent_completions_on_one_instance_are_all_recorded()
    {
        var organisations = Enumerable.Range(1, 50).Select(i => $"ORG{i:00}").ToArray();
        foreach (var organisation in organisations)
        {
            await Host.CreateUserAsync(organisation.ToLowerInvariant(), organisation, Roles.Partner);
        }
        await Host.PublishAsync(Definitions.Approval("vijftig", organisations));
        var instanceId = await Host.StartAsync("vijftig");
        var tasks = await Host.TasksAsync(instanceId);
        Assert.Equal(50, tasks.Count);
        var clients = new List<HttpClient>();
        foreach (var task in tasks)
        {
            clients.Add(await Host.ClientForAsync(task.Organisation!.ToLowerInvariant()));
        }

        var responses = await Task.WhenAll(tasks.Select((t, i) => clients[i].PostAsJsonAsync($"/api/tasks/{t.Id}/complete", new { outcome = "Goedkeuren" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(await Host.TasksAsync(instanceId), t => Assert.Equal(TaskStatus.Completed, t.Status));
        Assert.Equal("Finished", (await Host.InstanceAsync(instanceId)).Status);
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task A_partner_of_another_organisation_cannot_complete_the_task()
    {
        await Host.CreateUserAsync("svb", "SVB", Roles.Partner);
        await Host.PublishAsync(Definitions.Approval("andere-org", "UWV"));
        var task = Assert.Single(await Host.TasksAsync(await Host.StartAsync("andere-org")));
        using var partner = await Host.ClientForAsync("svb");

        var response = await partner.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome = "Goedkeuren" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await partner.GetFromJsonAsync<List<JsonElement>>("/api/tasks") ?? []);
    }

    [Fact]
    public async Task A_timer_fired_twice_has_one_effect()
    {
        await Host.PublishAsync(Definitions.Delayed("wacht", "P1D"));
        var instanceId = await Host.StartAsync("wacht");
        var timer = Assert.Single(await Host.TimersAsync(), t => t.InstanceId == instanceId);
        Host.Factory.Clock.Advance(TimeSpan.FromDays(1));

        await Host.InScopeAsync(async sp =>
        {
            var timers = sp.GetRequiredService<LsiWorkflow.Runtime.Scheduling.DueTimers>();
            return await Task.WhenAll(timers.FireAsync(timer, CancellationToken.None), timers.FireAsync(timer, CancellationToken.None));
        });
        await Host.FireDueTimersAsync();

        Assert.Equal("Finished", (await Host.InstanceAsync(instanceId)).Status);
        var journal = await Host.JournalAsync(instanceId);
        Assert.Single(journal, j => j.ActivityId == "note");
    }

    [Fact]
    public async Task A_domain_event_resumes_its_waiting_instances_once()
    {
        await Host.PublishAsync(Definitions.WaitsForEvent("dpia-wacht"));
        var waiting = new[] { await Host.StartAsync("dpia-wacht"), await Host.StartAsync("dpia-wacht") };

        var first = await Host.SendAsync(new RaiseEvent("DpiaCompleted", "joint-area-based", null, WorkflowKit.Secretary));
        var again = await Host.SendAsync(new RaiseEvent("DpiaCompleted", "joint-area-based", null, WorkflowKit.Secretary));

        Assert.Equal(2, first.InstancesResumed);
        Assert.Equal(0, again.InstancesResumed);
        foreach (var id in waiting)
        {
            Assert.Equal("Finished", (await Host.InstanceAsync(id)).Status);
        }
    }

    [Fact]
    public async Task Cancelling_ends_the_instance_with_its_open_tasks_and_timers()
    {
        await Host.PublishAsync(Definitions.Approval("annuleren", "UWV", "SVB"));
        var instanceId = await Host.StartAsync("annuleren");

        await Host.SendAsync(new CancelInstance(instanceId, "Project ingetrokken", WorkflowKit.Secretary));

        Assert.Equal("Cancelled", (await Host.InstanceAsync(instanceId)).Status);
        Assert.All(await Host.TasksAsync(instanceId), t => Assert.Equal(TaskStatus.Cancelled, t.Status));
        Assert.DoesNotContain(await Host.TimersAsync(), t => t.Status == TimerStatus.Pending);
        await Assert.ThrowsAsync<ConflictException>(() => Host.SendAsync(new CancelInstance(instanceId, "Nogmaals", WorkflowKit.Secretary)));
    }

    [Fact]
    public async Task A_failing_expression_becomes_an_incident_and_retry_runs_the_activity_again()
    {
        await Host.PublishAsync(Definitions.Failing("fout"));
        var instanceId = (await Host.SendAsync(new StartInstance("fout", null, new JsonObject { ["divisor"] = "nul" }, null, WorkflowKit.Secretary))).InstanceId;

        var faulted = await Host.SendAsync(new GetInstance(Actors.Secretary, instanceId));
        Assert.Equal("Faulted", faulted.Instance.Status);
        var incident = Assert.Single(faulted.Incidents);
        Assert.Equal("boom", incident.ActivityId);

        await Host.SendAsync(new RetryIncident(instanceId, incident.Id, WorkflowKit.Secretary));

        // The cause is still there, so the retry faults again: with a new incident, not a crash.
        var retried = await Host.SendAsync(new GetInstance(Actors.Secretary, instanceId));
        Assert.Equal("Faulted", retried.Instance.Status);
        Assert.Equal(2, retried.Journal.Count(j => j.ActivityId == "boom"));
    }

    [Fact]
    public async Task Publishing_a_recurring_workflow_twice_leaves_one_schedule_and_retracting_removes_it()
    {
        await Host.PublishAsync(Definitions.Recurring("cyclus", "P5Y", "2017-07-01"));
        await Host.PublishAsync(Definitions.Recurring("cyclus", "P5Y", "2017-07-01"));

        var pending = (await Host.TimersAsync()).Where(t => t.StartDefinitionId == "cyclus" && t.Status == TimerStatus.Pending).ToList();
        Assert.Equal(new DateTimeOffset(2027, 7, 1, 0, 0, 0, TimeSpan.FromHours(2)), Assert.Single(pending).DueAt);

        await Host.SendAsync(new RetractDefinition("cyclus", 2, WorkflowKit.Secretary));
        // Version 1 is still published, so its schedule takes over; retracting that too leaves none.
        Assert.Single(await Host.TimersAsync(), t => t.StartDefinitionId == "cyclus" && t.Status == TimerStatus.Pending);
        await Host.SendAsync(new RetractDefinition("cyclus", 1, WorkflowKit.Secretary));
        Assert.DoesNotContain(await Host.TimersAsync(), t => t.StartDefinitionId == "cyclus" && t.Status == TimerStatus.Pending);
    }

    [Fact]
    public async Task A_recurring_start_starts_one_instance_and_plans_the_next()
    {
        // The clock is shared by all tests; anchor the schedule on wherever it stands now.
        var from = DateOnly.FromDateTime(Host.Factory.Clock.GetUtcNow().UtcDateTime).AddDays(1);
        await Host.PublishAsync(Definitions.Recurring("maandelijks", "P1M", from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Host.Factory.Clock.Advance(TimeSpan.FromDays(2));

        await Host.FireDueTimersAsync();
        await Host.FireDueTimersAsync();

        var instances = await Host.SendAsync(new ListInstances(Actors.Secretary, "maandelijks"));
        Assert.Equal("Finished", Assert.Single(instances).Status);
        var next = Assert.Single(await Host.TimersAsync(), t => t.StartDefinitionId == "maandelijks" && t.Status == TimerStatus.Pending);
        var amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        Assert.Equal(from.AddMonths(1), DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(next.DueAt, amsterdam).DateTime));
    }

    [Fact]
    public async Task A_parent_waits_for_its_child_and_continues_when_it_ends()
    {
        await Host.PublishAsync(Definitions.Approval("kind", "UWV"));
        await Host.PublishAsync(Definitions.Parent("ouder", "kind"));
        var parentId = await Host.StartAsync("ouder");

        var child = await WaitForChildAsync(parentId);
        var task = Assert.Single(await Host.TasksAsync(child.Id));
        await Host.CreateUserAsync("uwv", "UWV", Roles.Partner);
        using var partner = await Host.ClientForAsync("uwv");
        (await partner.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome = "Goedkeuren" })).EnsureSuccessStatusCode();

        Assert.Equal("Finished", (await Host.WaitForStatusAsync(parentId, "Finished")).Status);
    }

    private async Task<InstanceSummary> WaitForChildAsync(Guid parentId)
    {
        for (var i = 0; i < 300; i++)
        {
            var child = (await Host.SendAsync(new ListInstances(Actors.Secretary, "kind"))).SingleOrDefault();
            if (child is not null)
            {
                return child;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No child instance of {parentId} started.");
    }
}
