using LsiWorkflow.Engine.Definitions;
using static LsiWorkflow.Engine.Tests.Flow;

namespace LsiWorkflow.Engine.Tests.Definitions;

public sealed class DefinitionGraphTests
{
    [Fact]
    public void Outgoing_by_outcome_and_inbound_list_the_connections_in_the_order_of_the_definition()
    {
        var definition = Build(["start:Start", "gate:Decision", "yes:Log", "no:Log", "end:End"],
            ["start -> gate", "gate.True -> yes", "gate.False -> no", "gate.True -> end", "yes -> end", "no -> end"]);
        var graph = DefinitionGraph.For(definition);

        Assert.Equal(["yes", "end"], graph.Outgoing("gate", "True").Select(c => c.Target));
        Assert.Equal(["no"], graph.Outgoing("gate", "False").Select(c => c.Target));
        Assert.Empty(graph.Outgoing("gate", "Done"));
        Assert.Equal(["yes", "no", "end"], graph.Outgoing("gate").Select(c => c.Target));
        Assert.Equal(["gate", "yes", "no"], graph.Inbound("end").Select(c => c.Source));
        Assert.Empty(graph.Inbound("start"));
    }

    [Fact]
    public void A_connection_without_an_outcome_is_found_by_the_default_outcome()
    {
        var graph = DefinitionGraph.For(Build(["start:Start", "end:End"], ["start -> end"]));

        Assert.Same(graph.Outgoing("start", ConnectionDefinition.DefaultOutcome)[0], graph.FindConnection("start", null, "end"));
        Assert.NotNull(graph.FindConnection("start", ConnectionDefinition.DefaultOutcome, "end"));
        Assert.Null(graph.FindConnection("start", "Other", "end"));
        Assert.Null(graph.FindConnection("start", null, "start"));
    }

    [Fact]
    public void Upstream_lists_every_activity_before_one_nearest_first_and_itself_only_on_a_loop()
    {
        var graph = DefinitionGraph.For(Build(["start:Start", "a:Log", "b:Log", "c:Log", "join:Join", "side:Log"],
            ["start -> a", "start -> b", "a -> c", "c -> join", "b -> join", "join -> side", "side -> a"]));

        // join <- c, b (one step); c <- a; b <- start; a <- start, side; side <- join: a loop through join.
        Assert.Equal(["c", "b", "a", "start", "side", "join"], graph.Upstream("join"));
        Assert.Equal(["start"], graph.Upstream("b"));
        Assert.Empty(graph.Upstream("start"));
        Assert.True(graph.LeadsTo("start", "join"));
        Assert.True(graph.LeadsTo("join", "join"));
        Assert.False(graph.LeadsTo("b", "b"));
        Assert.False(graph.LeadsTo("join", "b"));
    }

    [Fact]
    public void Steps_from_the_starts_are_the_fewest_connections_and_leave_out_what_they_do_not_reach()
    {
        var graph = DefinitionGraph.For(Build(["start:Start", "a:Log", "b:Log", "c:Log", "island:Log", "timer:TimerStart"],
            ["start -> a", "a -> b", "b -> c", "start -> c", "timer -> b"]));

        var steps = graph.StepsFrom(["start", "timer", "nowhere"]);

        Assert.Equal(["start", "timer", "a", "c", "b"], steps.Keys);
        Assert.Equal(0, steps["timer"]);
        Assert.Equal(1, steps["c"]);
        Assert.Equal(1, steps["b"]);
        Assert.False(steps.ContainsKey("island"));
        Assert.False(steps.ContainsKey("nowhere"));
    }

    [Fact]
    public void Connections_to_or_from_missing_activities_are_listed_but_lead_nowhere()
    {
        var graph = DefinitionGraph.For(Build(["start:Start", "a:Log", "b:Log"],
            ["start -> ghost", "ghost -> b", "start -> a", "a -> a", "a -> a"]));

        Assert.Equal(["ghost", "a"], graph.Outgoing("start").Select(c => c.Target));
        Assert.Equal(["ghost"], graph.Inbound("b").Select(c => c.Source));
        Assert.Equal(["a"], graph.Successors("start"));
        Assert.Equal(["a"], graph.Successors("a"));
        Assert.Empty(graph.Upstream("b"));
        Assert.False(graph.StepsFrom(["start"]).ContainsKey("b"));
        Assert.DoesNotContain("ghost", graph.Activities);
    }

    [Fact]
    public void Loops_are_the_groups_of_activities_that_reach_each_other_in_definition_order()
    {
        var graph = DefinitionGraph.For(Build(["start:Start", "x:Log", "y:Log", "z:Log", "self:Log", "p:Log", "q:Log", "end:End"],
            ["start -> z", "z -> y", "y -> x", "x -> z", "x -> self", "self -> self", "self -> q", "q -> p", "p -> q", "p -> end"]));

        // The loop {x, y, z} leads to self, which leads to {p, q}: the loop led to comes first.
        Assert.Equal([["p", "q"], ["self"], ["x", "y", "z"]], graph.Loops);
    }

    [Fact]
    public void Repeated_ids_are_one_activity_and_an_activity_without_an_id_is_none()
    {
        var definition = new WorkflowDefinition
        {
            Activities = [new() { Id = "a", Type = "Start" }, new() { Id = "", Type = "Log" }, new() { Id = "a", Type = "End" }, new() { Id = "b", Type = "End" }],
            Connections = [new() { Source = "a", Target = "b" }, new() { Source = "", Target = "b" }],
        };
        var graph = DefinitionGraph.For(definition);

        Assert.Equal(["a", "b"], graph.Activities);
        Assert.Equal(["a"], graph.Upstream("b"));
        Assert.Equal(2, graph.Inbound("b").Count);
    }

    [Fact]
    public void The_graph_is_built_once_per_definition()
    {
        var definition = Build(["start:Start", "end:End"], ["start -> end"]);

        Assert.Same(DefinitionGraph.For(definition), DefinitionGraph.For(definition));
        Assert.NotSame(DefinitionGraph.For(definition), DefinitionGraph.For(definition with { Name = "Kopie" }));
    }

    [Fact]
    public void A_chain_of_a_hundred_thousand_activities_is_walked_without_overflowing_the_stack()
    {
        const int count = 100_000;
        var definition = new WorkflowDefinition
        {
            Activities = [.. Enumerable.Range(0, count).Select(i => new ActivityDefinition { Id = $"a{i}", Type = "Log" })],
            Connections = [.. Enumerable.Range(1, count - 1).Select(i => new ConnectionDefinition { Source = $"a{i - 1}", Target = $"a{i}" }),
                new ConnectionDefinition { Source = $"a{count - 1}", Target = "a0" }],
        };
        var graph = DefinitionGraph.For(definition);

        Assert.Equal(count, Assert.Single(graph.Loops).Count);
        Assert.Equal(count, graph.Upstream("a0").Count);
        Assert.Equal(count - 1, graph.StepsFrom(["a0"])[$"a{count - 1}"]);
    }
}
