using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Runtime;
using static LsiWorkflow.Engine.Tests.Flow;

namespace LsiWorkflow.Engine.Tests.Runtime;

public sealed class WorkflowRunnerTests
{
    private readonly Engine _engine = new();

    private static WorkflowDefinition WaitingOnTaskAndTimer() => Build(
        ["start:Start", A("fork:Fork", """{ "branches": ["t", "d"] }"""),
         A("task:HumanTask", """{ "title": "T", "assignee": { "role": "R" }, "outcomes": ["Ok"] }"""),
         A("delay:Delay", """{ "duration": "PT1H" }"""), A("event:WaitForEvent", """{ "eventName": "DpiaCompleted" }""")],
        ["start -> fork", "fork.t -> task", "fork.d -> delay", "delay -> event"]);

    [Fact]
    public async Task Project_approval_sample_runs_end_to_end()
    {
        var flow = Samples.Load("project-approval.json");
        var state = await _engine.StartAsync(flow, new JsonObject { ["projectName"] = "Wijk Zuid" });
        Assert.Equal("Keur project Wijk Zuid goed", state.Effects.OfType<TaskRequested>().First().Title);

        state = await _engine.CompleteAsync(flow, state, "Goedkeuren", "UWV");
        state = await _engine.CompleteAsync(flow, state, "Goedkeuren", "SVB");

        Assert.Equal(WorkflowStatus.Finished, state.State.Status);
        Assert.True(state.State.Variables["approved"]!.GetValue<bool>());
        var milestone = Assert.Single(state.Effects.OfType<MilestoneReached>());
        Assert.Equal(new DateOnly(2024, 6, 30), milestone.PlannedDate);
        Assert.Equal(_engine.Clock.GetUtcNow(), milestone.ActualAt);
        Assert.Equal(["start", "name", "approve"], (await _engine.StartAsync(flow, new JsonObject { ["projectName"] = "x" })).Journal.Select(j => j.ActivityId));
    }

    [Fact]
    public async Task Rejection_sends_a_rendered_notification()
    {
        var flow = Samples.Load("project-approval.json");
        var state = await _engine.StartAsync(flow, new JsonObject { ["projectName"] = "Wijk Zuid" });

        state = await _engine.CompleteAsync(flow, state, "Afwijzen", "SVB", comment: "Geen DPIA");

        var message = Assert.Single(state.Effects.OfType<NotificationRequested>());
        Assert.Equal(["Secretariat"], message.Roles);
        Assert.Equal("Project Wijk Zuid niet goedgekeurd", message.Subject);
        Assert.Equal("Uitkomst: Afwijzen", message.Body);
        Assert.Contains(state.Journal, j => j.ActivityId == "approve" && j.Outcome == "Afwijzen" && j.Actor == "partner@SVB");
    }

    [Fact]
    public async Task Start_refuses_missing_required_input_with_an_incident()
    {
        var result = await _engine.StartAsync(Samples.Load("project-approval.json"));

        Assert.Equal(WorkflowStatus.Faulted, result.State.Status);
        Assert.Contains("projectName", Assert.Single(result.State.Incidents).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decision_and_switch_follow_their_conditions()
    {
        var flow = Build(
            ["start:Start", A("d:Decision", """{ "condition": "input.amount > 100" }"""),
             A("s:Switch", """{ "cases": [ { "name": "Small", "condition": "input.amount < 500" }, { "name": "Medium", "condition": "input.amount < 5000" } ] }"""),
             A("low:SetVariable", """{ "variable": "path", "value": "low" }"""),
             A("small:SetVariable", """{ "variable": "path", "value": "small" }"""),
             A("medium:SetVariable", """{ "variable": "path", "value": "medium" }"""),
             A("large:SetVariable", """{ "variable": "path", "value": "large" }""")],
            ["start -> d", "d.False -> low", "d.True -> s", "s.Small -> small", "s.Medium -> medium", "s.Default -> large"],
            """[ { "name": "path", "type": "string" } ]""");

        async Task<string> PathFor(int amount) =>
            (await _engine.StartAsync(flow, new JsonObject { ["amount"] = amount })).State.Variables["path"]!.GetValue<string>();

        Assert.Equal("low", await PathFor(50));
        Assert.Equal("small", await PathFor(200));
        Assert.Equal("medium", await PathFor(2000));
        Assert.Equal("large", await PathFor(20000));
    }

    [Fact]
    public async Task Delay_until_a_past_date_continues_at_once_and_a_future_one_sets_a_timer()
    {
        var flow = Build(["start:Start", A("d:Delay", """{ "until": { "expr": "input.until" } }""")], ["start -> d"]);

        var past = await _engine.StartAsync(flow, new JsonObject { ["until"] = "2020-01-01" });
        var future = await _engine.StartAsync(flow, new JsonObject { ["until"] = "2025-01-01T10:00:00+01:00" });

        Assert.Equal(WorkflowStatus.Finished, past.State.Status);
        var timer = Assert.Single(future.Effects.OfType<TimerRequested>());
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.Zero), timer.DueAt);
        Assert.Equal(timer.TimerId, Engine.Single(future.State, BookmarkKind.Timer).Id);
    }

    [Fact]
    public async Task Wait_for_event_stores_the_payload_in_a_variable()
    {
        var flow = Build(
            ["start:Start", A("w:WaitForEvent", """{ "eventName": "DpiaCompleted", "correlationKey": "input.projectId", "variable": "dpia" }""")],
            ["start -> w"],
            """[ { "name": "dpia", "type": "object" } ]""");
        var started = await _engine.StartAsync(flow, new JsonObject { ["projectId"] = "P-12" });
        var bookmark = Engine.Single(started.State, BookmarkKind.Event);
        Assert.Equal(("DpiaCompleted", "P-12"), (bookmark.EventName, bookmark.CorrelationKey));

        var resumed = await _engine.ResumeAsync(flow, started.State, new EventReceived(bookmark.Id, new JsonObject { ["status"] = "approved" }));

        Assert.Equal("approved", resumed.State.Variables["dpia"]!["status"]!.GetValue<string>());
        Assert.Equal(WorkflowStatus.Finished, resumed.State.Status);
    }

    [Fact]
    public async Task Start_workflow_requests_a_child_and_waits_for_it()
    {
        var flow = Build(
            ["start:Start", A("child:StartWorkflow", """{ "workflowId": "dpia", "input": { "project": { "expr": "input.projectId" } }, "waitForCompletion": true }"""),
             A("done:SetVariable", """{ "variable": "childResult", "value": { "expr": "activities.child.output.verdict" } }""")],
            ["start -> child", "child -> done"],
            """[ { "name": "childResult", "type": "string" } ]""");
        var started = await _engine.StartAsync(flow, new JsonObject { ["projectId"] = "P-3" });
        var request = Assert.Single(started.Effects.OfType<ChildWorkflowRequested>());
        Assert.Equal(("dpia", "P-3", started.State.InstanceId), (request.DefinitionId, request.Input["project"]!.GetValue<string>(), request.ParentInstanceId));

        var child = await _engine.Runner.StartAsync(
            Build([A("s:Start", "{}"), A("v:SetVariable", """{ "variable": "verdict", "value": "ok" }""")], ["s -> v"], """[ { "name": "verdict", "type": "string" } ]"""),
            new StartRequest { InstanceId = request.ChildInstanceId, ParentInstanceId = request.ParentInstanceId, ParentBookmarkId = request.ParentBookmarkId });
        var finished = Assert.Single(child.Effects.OfType<WorkflowFinishedEffect>());
        var resumed = await _engine.ResumeAsync(flow, started.State, new ChildFinished(finished.ParentBookmarkId, finished.InstanceId, finished.Output));

        Assert.Equal("ok", resumed.State.Variables["childResult"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_workflow_without_waiting_continues_at_once()
    {
        var flow = Build(["start:Start", A("child:StartWorkflow", """{ "workflowId": "dpia" }""")], ["start -> child"]);

        var result = await _engine.StartAsync(flow);

        Assert.Null(Assert.Single(result.Effects.OfType<ChildWorkflowRequested>()).ParentBookmarkId);
        Assert.Equal(WorkflowStatus.Finished, result.State.Status);
    }

    [Fact]
    public async Task End_finishes_the_instance_and_cancels_every_open_wait()
    {
        var flow = Build(
            ["start:Start", A("fork:Fork", """{ "branches": ["t", "e"] }"""),
             A("task:HumanTask", """{ "title": "T", "assignee": { "role": "R" }, "outcomes": ["Ok"] }"""),
             A("delay:Delay", """{ "duration": "P1D" }"""), "end:End"],
            ["start -> fork", "fork.t -> task", "fork.e -> delay", "delay -> end"]);
        var started = await _engine.StartAsync(flow);
        var timer = Engine.Single(started.State, BookmarkKind.Timer);

        var ended = await _engine.ResumeAsync(flow, started.State, new TimerFired(timer.Id));

        Assert.Equal(WorkflowStatus.Finished, ended.State.Status);
        Assert.Empty(ended.State.Bookmarks);
        Assert.Single(ended.Effects.OfType<TaskCancelled>());
        Assert.Equal(_engine.Clock.GetUtcNow(), ended.State.FinishedAt);
    }

    [Fact]
    public async Task Resume_for_a_bookmark_that_no_longer_exists_changes_nothing()
    {
        var flow = WaitingOnTaskAndTimer();
        var started = await _engine.StartAsync(flow);
        var timer = Engine.Single(started.State, BookmarkKind.Timer);
        var fired = await _engine.ResumeAsync(flow, started.State, new TimerFired(timer.Id));

        var again = await _engine.ResumeAsync(flow, fired.State, new TimerFired(timer.Id));
        var unknown = await _engine.ResumeAsync(flow, fired.State, new TimerFired(Guid.NewGuid()));

        Assert.True(again.Ignored);
        Assert.Same(fired.State, again.State);
        Assert.Empty(again.Effects);
        Assert.Empty(again.Journal);
        Assert.True(unknown.Ignored);
    }

    [Fact]
    public async Task Runner_never_changes_the_callers_state()
    {
        var flow = WaitingOnTaskAndTimer();
        var started = await _engine.StartAsync(flow);
        var before = started.State.ToJson();

        await _engine.ResumeAsync(flow, started.State, new TimerFired(Engine.Single(started.State, BookmarkKind.Timer).Id));
        await _engine.Runner.CancelAsync(flow, started.State, "test");

        Assert.Equal(before, started.State.ToJson());
    }

    [Fact]
    public async Task Cancel_emits_cancel_effects_for_open_tasks_and_timers()
    {
        var flow = WaitingOnTaskAndTimer();
        var started = await _engine.StartAsync(flow);

        var cancelled = await _engine.Runner.CancelAsync(flow, started.State, "Project ingetrokken", "secretaris");

        Assert.Equal(WorkflowStatus.Cancelled, cancelled.State.Status);
        Assert.Empty(cancelled.State.Bookmarks);
        Assert.Equal(Engine.Tasks(started.State).Single().TaskId, Assert.Single(cancelled.Effects.OfType<TaskCancelled>()).TaskId);
        Assert.Equal(Engine.Single(started.State, BookmarkKind.Timer).Id, Assert.Single(cancelled.Effects.OfType<TimerCancelled>()).BookmarkId);
        var line = Assert.Single(cancelled.Journal);
        Assert.Equal(("secretaris", "Geannuleerd: Project ingetrokken"), (line.Actor, line.Message));
        Assert.True((await _engine.Runner.CancelAsync(flow, cancelled.State)).Ignored);
    }

    [Fact]
    public async Task Failing_expression_becomes_an_incident_and_retry_resumes_at_that_activity()
    {
        var flow = Build(
            ["start:Start", A("d:Decision", """{ "condition": "input.approved" }"""), A("yes:SetVariable", """{ "variable": "ok", "value": true }""")],
            ["start -> d", "d.True -> yes"],
            """[ { "name": "ok", "type": "boolean", "default": false } ]""");
        var faulted = await _engine.StartAsync(flow, new JsonObject { ["approved"] = "ja" });

        Assert.Equal(WorkflowStatus.Faulted, faulted.State.Status);
        var incident = Assert.Single(faulted.State.Incidents);
        Assert.Equal("d", incident.ActivityId);
        Assert.Equal(_engine.Clock.GetUtcNow(), incident.At);
        Assert.Equal(incident.Id, Assert.Single(faulted.Effects.OfType<IncidentRaised>()).IncidentId);
        Assert.Contains(faulted.Journal, j => j.ActivityId == "d" && j.Message!.StartsWith("Fout", StringComparison.Ordinal));

        // The fix here is data: the host corrects the input before retrying.
        faulted.State.Input["approved"] = true;
        var retried = await _engine.Runner.RetryAsync(flow, faulted.State, incident.Id);

        Assert.Equal(WorkflowStatus.Finished, retried.State.Status);
        Assert.True(retried.State.Variables["ok"]!.GetValue<bool>());
        Assert.True(Assert.Single(retried.State.Incidents).Resolved);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await _engine.Runner.RetryAsync(flow, retried.State, incident.Id));
    }

    [Fact]
    public async Task Activity_that_throws_becomes_an_incident_and_retry_repeats_the_resume()
    {
        var registry = ActivityRegistry.FromAssemblies(typeof(FlakyActivity).Assembly);
        var engine = new Engine(registry);
        var flow = Build(["start:Start", "flaky:Flaky", A("after:SetVariable", """{ "variable": "done", "value": true }""")], ["start -> flaky", "flaky -> after"],
            """[ { "name": "done", "type": "boolean", "default": false } ]""");
        FlakyActivity.FailuresLeft = 1;
        var waiting = await engine.StartAsync(flow);

        var faulted = await engine.ResumeAsync(flow, waiting.State, new EventReceived(Engine.Single(waiting.State, BookmarkKind.Event).Id));
        Assert.Equal(WorkflowStatus.Faulted, faulted.State.Status);
        Assert.Equal("Storing bij de buren", faulted.State.Incidents.Single().Message);

        var retried = await engine.Runner.RetryAsync(flow, faulted.State, faulted.State.Incidents.Single().Id);

        Assert.Equal(WorkflowStatus.Finished, retried.State.Status);
        Assert.True(retried.State.Variables["done"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Other_paths_of_a_faulted_instance_can_still_be_resumed()
    {
        var flow = Build(
            ["start:Start", A("fork:Fork", """{ "branches": ["task", "check"] }"""),
             A("task:HumanTask", """{ "title": "T", "assignee": { "organisations": ["UWV", "SVB"] }, "completion": "all", "outcomes": ["Ok"] }"""),
             A("check:Decision", """{ "condition": "input.ready" }"""),
             A("join:Join", "{}"), "end:End"],
            ["start -> fork", "fork.task -> task", "fork.check -> check", "check.True -> join", "task.Ok -> join", "join -> end"]);
        var faulted = await _engine.StartAsync(flow, new JsonObject { ["ready"] = "ja" });
        Assert.Equal(WorkflowStatus.Faulted, faulted.State.Status);

        var partly = await _engine.CompleteAsync(flow, faulted, "Ok", "UWV");
        var completed = await _engine.CompleteAsync(flow, partly, "Ok", "SVB");

        Assert.False(completed.Ignored);
        Assert.Equal(WorkflowStatus.Faulted, completed.State.Status);
        Assert.Equal("Ok", completed.State.ActivityOutputs["task"]!["outcome"]!.GetValue<string>());

        completed.State.Input["ready"] = true;
        var retried = await _engine.Runner.RetryAsync(flow, completed.State, completed.State.Incidents.Single().Id);

        Assert.Equal(WorkflowStatus.Finished, retried.State.Status);
    }

    [Fact]
    public async Task Runaway_loop_is_stopped_with_an_incident()
    {
        var engine = new Engine(maxExecutions: 500);
        var flow = Build(
            ["start:Start", A("inc:SetVariable", """{ "variable": "n", "value": { "expr": "n + 1" } }"""), A("again:Decision", """{ "condition": "true" }""")],
            ["start -> inc", "inc -> again", "again.True -> inc"],
            """[ { "name": "n", "type": "number", "default": 0 } ]""");

        var result = await engine.StartAsync(flow);

        Assert.Equal(WorkflowStatus.Faulted, result.State.Status);
        var incident = Assert.Single(result.State.Incidents);
        Assert.Contains("500", incident.Message, StringComparison.Ordinal);
        Assert.Empty(result.State.Pending);
        Assert.NotEmpty(incident.Parked!);
    }

    [Fact]
    public async Task Journal_records_every_execution_with_times_outcome_and_actor()
    {
        var flow = Build(["start:Start", A("d:Delay", """{ "duration": "PT5M" }"""), "end:End"], ["start -> d", "d -> end"]);
        var started = await _engine.StartAsync(flow, actor: "secretaris");
        _engine.Clock.Advance(TimeSpan.FromMinutes(5));

        var done = await _engine.ResumeAsync(flow, started.State, new TimerFired(Engine.Single(started.State, BookmarkKind.Timer).Id));

        Assert.Equal([("start", "Done"), ("d", null)], started.Journal.Select(j => (j.ActivityId, j.Outcome)));
        Assert.All(started.Journal, j => Assert.Equal(("secretaris", Engine.Epoch), (j.Actor, j.StartedAt)));
        Assert.Equal([("d", "Done"), ("end", null)], done.Journal.Select(j => (j.ActivityId, j.Outcome)));
        Assert.All(done.Journal, j => Assert.Equal(Engine.Epoch.AddMinutes(5), j.EndedAt));
    }

    [Fact]
    public async Task State_survives_a_json_round_trip()
    {
        var flow = WaitingOnTaskAndTimer();
        var started = await _engine.StartAsync(flow, new JsonObject { ["x"] = 1 });

        var json = started.State.ToJson();
        var restored = WorkflowState.FromJson(json);

        Assert.Equal(json, restored.ToJson());
        Assert.Contains("\"status\":\"waiting\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"task\"", json, StringComparison.Ordinal);
        var resumed = await _engine.ResumeAsync(flow, restored, new TimerFired(Engine.Single(restored, BookmarkKind.Timer).Id));
        Assert.Equal("DpiaCompleted", Engine.Single(resumed.State, BookmarkKind.Event).EventName);
    }

    [Fact]
    public void Effects_and_signals_serialize_with_stable_kind_names()
    {
        var effect = System.Text.Json.JsonSerializer.Serialize<WorkflowEffect>(new TimerRequested(Guid.Empty, Engine.Epoch), WorkflowState.JsonOptions);
        var signal = System.Text.Json.JsonSerializer.Deserialize<ResumeSignal>("""{ "kind": "timerFired", "bookmarkId": "00000000-0000-0000-0000-000000000001" }""", WorkflowState.JsonOptions);

        Assert.StartsWith("{\"kind\":\"timerRequested\"", effect, StringComparison.Ordinal);
        Assert.IsType<TimerFired>(signal);
    }

    [Fact]
    public async Task Timer_start_activity_begins_a_recurring_instance()
    {
        var flow = Samples.Load("covenant-evaluation.json");

        var started = await _engine.Runner.StartAsync(flow, new StartRequest { StartActivityId = "every5y" });

        Assert.Equal(WorkflowStatus.Waiting, started.State.Status);
        Assert.Single(started.Effects.OfType<ChildWorkflowRequested>());
        Assert.Single(started.Effects.OfType<TimerRequested>());
    }
}

/// <summary>A host-defined activity: waits for an event, then fails on resume as long as it is told to.</summary>
[Activity("Flaky", Category = "Test", MayWait = true)]
[Outcomes("Done")]
public sealed class FlakyActivity : Activity
{
    public static int FailuresLeft { get; set; }

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        ValueTask.FromResult(ActivityResult.Wait(context.CreateBookmark(BookmarkKind.Event, eventName: "Ping")));

    public override ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeSignal signal)
    {
        if (FailuresLeft-- > 0)
        {
            throw new InvalidOperationException("Storing bij de buren");
        }
        return ValueTask.FromResult(ActivityResult.Done);
    }
}
