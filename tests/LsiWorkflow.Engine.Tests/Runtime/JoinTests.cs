using LsiWorkflow.Engine.Runtime;
using static LsiWorkflow.Engine.Tests.Flow;

namespace LsiWorkflow.Engine.Tests.Runtime;

public sealed class JoinTests
{
    private readonly Engine _engine = new();

    private const string Log = """[ { "name": "log", "type": "array", "default": [] } ]""";

    private static (string, string) Append(string id, string text) =>
        A($"{id}:SetVariable", $$"""{ "variable": "log", "value": { "expr": "log | array.add \"{{text}}\"" } }""");

    [Fact]
    public async Task Join_wait_all_fires_after_timer_branch_resumes()
    {
        var flow = Build(
            ["start:Start", A("fork:Fork", """{ "branches": ["a", "b"] }"""), Append("quick", "quick"), A("wait:Delay", """{ "duration": "P2D" }"""),
             A("join:Join", """{ "mode": "all" }"""), Append("after", "joined")],
            ["start -> fork", "fork.a -> quick", "fork.b -> wait", "quick -> join", "wait -> join", "join -> after"],
            Log);

        var started = await _engine.StartAsync(flow);
        Assert.Equal(WorkflowStatus.Waiting, started.State.Status);
        Assert.Equal(["quick"], started.State.Variables["log"]!.AsArray().Select(n => n!.GetValue<string>()));
        var timer = Assert.Single(started.Effects.OfType<TimerRequested>());
        Assert.Equal(Engine.Epoch.AddDays(2), timer.DueAt);

        _engine.Clock.Advance(TimeSpan.FromDays(2));
        var resumed = await _engine.ResumeAsync(flow, started.State, new TimerFired(timer.TimerId));

        Assert.Equal(WorkflowStatus.Finished, resumed.State.Status);
        Assert.Equal(["quick", "joined"], resumed.State.Variables["log"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task Join_wait_any_cancels_the_other_branch()
    {
        var flow = Build(
            ["start:Start", A("fork:Fork", """{ "branches": ["task", "timer"] }"""),
             A("task:HumanTask", """{ "title": "Rapport", "assignee": { "role": "Secretariat" }, "outcomes": ["Gereed"] }"""),
             A("deadline:Delay", """{ "duration": "P30D" }"""),
             A("join:Join", """{ "mode": "any" }"""), Append("after", "joined")],
            ["start -> fork", "fork.task -> task", "fork.timer -> deadline", "task.Gereed -> join", "deadline -> join", "join -> after"],
            Log);
        var started = await _engine.StartAsync(flow);
        var timer = Assert.Single(started.Effects.OfType<TimerRequested>());

        var done = await _engine.CompleteAsync(flow, started, "Gereed");

        Assert.Equal(WorkflowStatus.Finished, done.State.Status);
        Assert.Equal(timer.TimerId, Assert.Single(done.Effects.OfType<TimerCancelled>()).BookmarkId);
        Assert.Empty(done.State.Bookmarks);
        var late = await _engine.ResumeAsync(flow, done.State, new TimerFired(timer.TimerId));
        Assert.True(late.Ignored);
    }

    [Fact]
    public async Task Join_wait_any_ignores_late_arrivals_in_the_same_burst()
    {
        var flow = Build(
            ["start:Start", A("fork:Fork", """{ "branches": ["a", "b"] }"""), Append("a", "a"), Append("b", "b"),
             A("join:Join", """{ "mode": "any" }"""), Append("after", "joined")],
            ["start -> fork", "fork.a -> a", "fork.b -> b", "a -> join", "b -> join", "join -> after"],
            Log);

        var done = await _engine.StartAsync(flow);

        Assert.Single(done.State.Variables["log"]!.AsArray(), n => n!.GetValue<string>() == "joined");
    }

    [Fact]
    public async Task Join_inside_a_loop_fires_once_per_round()
    {
        var flow = Build(
            ["start:Start", A("fork:Fork", """{ "branches": ["a", "b"] }"""), Append("a", "a"),
             A("review:HumanTask", """{ "title": "Ronde", "assignee": { "role": "R" }, "outcomes": ["Ok"] }"""),
             A("join:Join", """{ "mode": "all" }"""),
             A("count:SetVariable", """{ "variable": "rounds", "value": { "expr": "rounds + 1" } }"""),
             A("again:Decision", """{ "condition": "rounds < 3" }"""), "end:End"],
            ["start -> fork", "fork.a -> a", "fork.b -> review", "a -> join", "review.Ok -> join", "join -> count", "count -> again", "again.True -> fork", "again.False -> end"],
            """[ { "name": "rounds", "type": "number", "default": 0 }, { "name": "log", "type": "array", "default": [] } ]""");

        var state = await _engine.StartAsync(flow);
        for (var round = 1; round <= 3; round++)
        {
            Assert.Equal(round - 1, state.State.Variables["rounds"]!.GetValue<long>());
            Assert.Equal(WorkflowStatus.Waiting, state.State.Status);
            state = await _engine.CompleteAsync(flow, state, "Ok");
        }

        Assert.Equal(WorkflowStatus.Finished, state.State.Status);
        Assert.Equal(3, state.State.Variables["rounds"]!.GetValue<long>());
        Assert.Equal(3, state.State.Variables["log"]!.AsArray().Count);
    }
}
