using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Runtime;
using static LsiWorkflow.Engine.Tests.Flow;

namespace LsiWorkflow.Engine.Tests.Runtime;

public sealed class HumanTaskTests
{
    private readonly Engine _engine = new();

    private static WorkflowDefinition Approval(string completion, string organisations = """["UWV", "SVB", "IND"]""", string extra = "") => Build(
        [
            "start:Start",
            A("approve:HumanTask", $$$"""
                { "title": "Keur {{ input.name }} goed", "assignee": { "organisations": {{{organisations}}}, "role": "Partner" },
                  "completion": "{{{completion}}}", "outcomes": ["Goedkeuren", "Afwijzen", "Aanpassen"], "dueIn": "P14D", "reminders": ["P7D", "P2D"] {{{extra}}} }
                """),
            A("yes:SetVariable", """{ "variable": "result", "value": "ja" }"""),
            A("no:SetVariable", """{ "variable": "result", "value": { "expr": "activities.approve.outcome" } }"""),
        ],
        ["start -> approve", "approve.Goedkeuren -> yes", "approve.Afwijzen -> no", "approve.Aanpassen -> no"],
        """[ { "name": "result", "type": "string" } ]""");

    [Fact]
    public async Task One_task_is_opened_per_organisation_with_due_date_and_reminders()
    {
        var flow = Approval("all");

        var started = await _engine.StartAsync(flow, new JsonObject { ["name"] = "Wijk Noord" });

        var requests = started.Effects.OfType<TaskRequested>().ToList();
        Assert.Equal(["UWV", "SVB", "IND"], requests.Select(r => r.Organisation));
        Assert.All(requests, r =>
        {
            Assert.Equal("Keur Wijk Noord goed", r.Title);
            Assert.Equal("Partner", r.Role);
            Assert.Equal(Engine.Epoch.AddDays(14), r.DueAt);
            Assert.Equal([Engine.Epoch.AddDays(7), Engine.Epoch.AddDays(12)], r.RemindAt);
            Assert.Equal(["Afwijzen", "Aanpassen"], r.CommentRequiredFor);
        });
        Assert.Equal(WorkflowStatus.Waiting, started.State.Status);
        Assert.Equal(3, Engine.Tasks(started.State).Count);
        Assert.Equal(requests.Select(r => r.BookmarkId), Engine.Tasks(started.State).Select(b => b.Id));
    }

    [Fact]
    public async Task All_needs_every_organisation_to_choose_the_positive_outcome()
    {
        var flow = Approval("all");
        var state = await _engine.StartAsync(flow);

        state = await _engine.CompleteAsync(flow, state, "Goedkeuren", "UWV");
        state = await _engine.CompleteAsync(flow, state, "Goedkeuren", "SVB");
        Assert.Equal(WorkflowStatus.Waiting, state.State.Status);
        state = await _engine.CompleteAsync(flow, state, "Goedkeuren", "IND");

        Assert.Equal(WorkflowStatus.Finished, state.State.Status);
        Assert.Equal("ja", state.State.Variables["result"]!.GetValue<string>());
        var output = state.State.ActivityOutputs["approve"]!;
        Assert.Equal("Goedkeuren", output["outcome"]!.GetValue<string>());
        Assert.Equal(3, output["completions"]!.AsArray().Count);
    }

    [Fact]
    public async Task All_is_decided_at_once_by_a_veto_and_the_other_tasks_are_cancelled()
    {
        var flow = Approval("all");
        var started = await _engine.StartAsync(flow);
        var open = Engine.Tasks(started.State).Where(t => t.Data!["organisation"]!.GetValue<string>() != "SVB").Select(t => t.TaskId!.Value).ToHashSet();

        var vetoed = await _engine.CompleteAsync(flow, started, "Afwijzen", "SVB", comment: "Geen DPIA");

        Assert.Equal(WorkflowStatus.Finished, vetoed.State.Status);
        Assert.Equal("Afwijzen", vetoed.State.Variables["result"]!.GetValue<string>());
        Assert.Equal(open, vetoed.Effects.OfType<TaskCancelled>().Select(c => c.TaskId).ToHashSet());
        var completion = vetoed.State.ActivityOutputs["approve"]!["completions"]![0]!;
        Assert.Equal("SVB", completion["organisation"]!.GetValue<string>());
        Assert.Equal("Geen DPIA", completion["comment"]!.GetValue<string>());
        Assert.Equal("partner@SVB", completion["actor"]!.GetValue<string>());
    }

    [Fact]
    public async Task Any_is_decided_by_the_first_completion()
    {
        var flow = Approval("any");
        var started = await _engine.StartAsync(flow);

        var done = await _engine.CompleteAsync(flow, started, "Aanpassen", "IND", comment: "Scope te breed");

        Assert.Equal("Aanpassen", done.State.Variables["result"]!.GetValue<string>());
        Assert.Equal(2, done.Effects.OfType<TaskCancelled>().Count());
    }

    [Fact]
    public async Task At_least_is_positive_once_enough_chose_it()
    {
        var flow = Approval("atLeast", extra: """, "atLeastCount": 2""");
        var state = await _engine.StartAsync(flow);

        state = await _engine.CompleteAsync(flow, state, "Afwijzen", "UWV", comment: "nee");
        Assert.Equal(WorkflowStatus.Waiting, state.State.Status);
        state = await _engine.CompleteAsync(flow, state, "Goedkeuren", "SVB");
        Assert.Equal(WorkflowStatus.Waiting, state.State.Status);
        state = await _engine.CompleteAsync(flow, state, "Goedkeuren", "IND");

        Assert.Equal("ja", state.State.Variables["result"]!.GetValue<string>());
    }

    [Fact]
    public async Task At_least_takes_the_first_other_outcome_once_the_count_is_out_of_reach()
    {
        var flow = Approval("atLeast", extra: """, "atLeastCount": 2""");
        var state = await _engine.StartAsync(flow);

        state = await _engine.CompleteAsync(flow, state, "Aanpassen", "UWV", comment: "anders");
        state = await _engine.CompleteAsync(flow, state, "Afwijzen", "SVB", comment: "nee");

        Assert.Equal(WorkflowStatus.Finished, state.State.Status);
        Assert.Equal("Aanpassen", state.State.Variables["result"]!.GetValue<string>());
        Assert.Single(state.Effects.OfType<TaskCancelled>());
    }

    [Fact]
    public async Task Assignee_organisations_may_come_from_an_expression()
    {
        var flow = Approval("all", organisations: """{ "expr": "input.partners" }""");

        var started = await _engine.StartAsync(flow, new JsonObject { ["partners"] = new JsonArray("Belastingdienst", "UWV") });

        Assert.Equal(["Belastingdienst", "UWV"], started.Effects.OfType<TaskRequested>().Select(t => t.Organisation));
    }

    [Fact]
    public async Task Completing_a_task_twice_is_reported()
    {
        var flow = Approval("all");
        var started = await _engine.StartAsync(flow);
        var task = Engine.Tasks(started.State)[0];
        var signal = new TaskCompleted(task.Id, task.TaskId!.Value, "Goedkeuren", "a", "UWV");
        var once = await _engine.ResumeAsync(flow, started.State, signal);

        var ex = await Assert.ThrowsAsync<TaskAlreadyCompletedException>(async () => await _engine.ResumeAsync(flow, once.State, signal));

        Assert.Equal(task.TaskId, ex.TaskId);
    }

    [Fact]
    public async Task Outcome_the_task_does_not_offer_or_a_missing_comment_is_refused_without_change()
    {
        var flow = Approval("any");
        var started = await _engine.StartAsync(flow);
        var task = Engine.Tasks(started.State)[0];

        await Assert.ThrowsAsync<InvalidSignalException>(async () => await _engine.ResumeAsync(flow, started.State, new TaskCompleted(task.Id, task.TaskId!.Value, "Misschien")));
        await Assert.ThrowsAsync<InvalidSignalException>(async () => await _engine.ResumeAsync(flow, started.State, new TaskCompleted(task.Id, task.TaskId!.Value, "Afwijzen")));

        Assert.Equal(3, Engine.Tasks(started.State).Count);
        Assert.Empty(started.State.CompletedTaskIds);
    }

    [Fact]
    public async Task Single_assignee_gets_one_task_with_form_fields()
    {
        var flow = Build(
            ["start:Start", A("t:HumanTask", """{ "title": "Rapport", "assignee": { "user": "secretaris@szw" }, "outcomes": ["Gereed"], "formFields": [ { "name": "link", "label": "Link", "type": "text", "required": true } ] }""")],
            ["start -> t"]);
        var started = await _engine.StartAsync(flow);

        var request = Assert.Single(started.Effects.OfType<TaskRequested>());
        Assert.Null(request.Organisation);
        Assert.Equal("secretaris@szw", request.User);
        await Assert.ThrowsAsync<InvalidSignalException>(async () => await _engine.CompleteAsync(flow, started, "Gereed"));
        var done = await _engine.CompleteAsync(flow, started, "Gereed", form: new JsonObject { ["link"] = "https://example.org/rapport" });
        Assert.Equal("https://example.org/rapport", done.State.ActivityOutputs["t"]!["completions"]![0]!["formValues"]!["link"]!.GetValue<string>());
    }
}
