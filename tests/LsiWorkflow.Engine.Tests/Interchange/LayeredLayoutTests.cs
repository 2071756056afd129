using System.Diagnostics;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Interchange;
using Xunit.Abstractions;

namespace LsiWorkflow.Engine.Tests.Interchange;

public sealed class LayeredLayoutTests(ITestOutputHelper output)
{
    private static readonly LayoutOptions Options = new();

    public static TheoryData<string> Workflows => [.. Repository.WorkflowNames];

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Shipped_workflow_is_laid_out_without_overlaps_at_designer_sizes(string name)
    {
        var definition = Repository.LoadWorkflow(name);

        var result = LayeredLayout.Arrange(definition, DesignerBox, OutcomeLabel, options: Options);

        LayoutAssert.Clear(result, Options.GuaranteedClearance);
        LayoutAssert.RoutesJoinTheirBoxes(result, [.. definition.Connections.Select(c => (c.Source, c.Target))]);
        Assert.Equal(definition.Activities.Select(a => a.Id).Distinct().Order(), result.Nodes.Keys.Order());
        var labelled = definition.Connections.Count(c => !OutcomeLabel(c).IsEmpty);
        Assert.Equal(labelled, result.Edges.Count(e => e.Label is not null));
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Shipped_workflow_is_laid_out_without_overlaps_at_bpmn_sizes(string name)
    {
        var definition = Repository.LoadWorkflow(name);

        var result = LayeredLayout.Arrange(definition, BpmnShapes.SlotSize, BpmnShapes.FlowLabelSize);

        LayoutAssert.Clear(result, Options.GuaranteedClearance);
        LayoutAssert.RoutesJoinTheirBoxes(result, [.. definition.Connections.Select(c => (c.Source, c.Target))]);
    }

    [Fact]
    public void Flow_runs_left_to_right_and_a_loop_goes_back()
    {
        var (nodes, edges) = Graph(
            ["start", "review", "fix", "end"],
            ["start->review", "review->end:Akkoord", "review->fix:Aanpassen", "fix->review", "fix->fix:Opnieuw"]);

        var result = LayeredLayout.Arrange(nodes, edges, Options);

        Assert.True(result.Nodes["start"].Right < result.Nodes["review"].X);
        Assert.True(result.Nodes["review"].Right < result.Nodes["fix"].X);
        Assert.True(result.Nodes["review"].Right < result.Nodes["end"].X);
        LayoutAssert.Clear(result, Options.GuaranteedClearance);
        LayoutAssert.RoutesJoinTheirBoxes(result, [.. edges.Select(e => (e.Source, e.Target))]);
        // The loop onto itself leaves on the right, comes back on the left, and keeps its label clear.
        var self = result.Edges[4];
        Assert.True(self.Points.Count >= 4);
        Assert.NotNull(self.Label);
    }

    [Fact]
    public void A_chain_is_drawn_straight()
    {
        var (nodes, edges) = Graph(["a", "b", "c", "d"], ["a->b", "b->c", "c->d"]);

        var result = LayeredLayout.Arrange(nodes, edges, Options);

        Assert.Single(result.Nodes.Values.Select(r => r.CenterY).Distinct());
        Assert.All(result.Edges, e => Assert.Equal(2, e.Points.Count));
        Assert.Equal(0, result.Crossings);
    }

    [Fact]
    public void Fork_and_join_put_the_branches_in_one_column_without_crossings()
    {
        var branches = Enumerable.Range(1, 5).Select(i => $"b{i}").ToArray();
        var (nodes, edges) = Graph(
            ["start", "fork", .. branches, "join", "end"],
            ["start->fork", .. branches.Select(b => $"fork->{b}:Tak {b}"), .. branches.Select(b => $"{b}->join"), "join->end"]);

        var result = LayeredLayout.Arrange(nodes, edges, Options);

        Assert.Single(branches.Select(b => result.Nodes[b].CenterX).Distinct());
        Assert.Equal(0, result.Crossings);
        LayoutAssert.Clear(result, Options.GuaranteedClearance);
        LayoutAssert.RoutesJoinTheirBoxes(result, [.. edges.Select(e => (e.Source, e.Target))]);
    }

    public static TheoryData<int, int> GeneratedGraphs => new() { { 12, 1 }, { 40, 2 }, { 80, 3 }, { 150, 4 }, { 150, 5 }, { 150, 6 } };

    [Theory]
    [MemberData(nameof(GeneratedGraphs))]
    public void Generated_graph_with_loops_forks_and_joins_is_laid_out_without_overlaps(int size, int seed)
    {
        var (nodes, edges) = RandomFlow(size, seed);

        var result = LayeredLayout.Arrange(nodes, edges, Options);

        LayoutAssert.Clear(result, Options.GuaranteedClearance);
        LayoutAssert.RoutesJoinTheirBoxes(result, [.. edges.Select(e => (e.Source, e.Target))]);
        output.WriteLine($"{size} activities, {edges.Count} connections, {result.Crossings} crossings");
    }

    [Fact]
    public void The_geometry_check_catches_overlaps_and_lines_through_boxes()
    {
        var boxes = new Dictionary<string, LayoutRect> { ["a"] = new(0, 0, 100, 50), ["b"] = new(100 + 5, 0, 100, 50) };
        var apart = new Dictionary<string, LayoutRect> { ["a"] = new(0, 0, 100, 50), ["b"] = new(300, 0, 100, 50) };
        EdgeRoute[] through = [new([new(100, 25), new(500, 25)], null)];

        Assert.ThrowsAny<Exception>(() => LayoutAssert.Clear(new LayoutResult(boxes, [], 0), 10));
        Assert.ThrowsAny<Exception>(() => LayoutAssert.Clear(new LayoutResult(apart, through, 0), 10));
        LayoutAssert.Clear(new LayoutResult(apart, [new([new(100, 25), new(300, 25)], null)], 0), 10);
    }

    [Fact]
    public void Connections_to_missing_activities_get_an_empty_route()
    {
        var (nodes, _) = Graph(["a", "b"], []);
        LayoutEdge[] edges = [new("a", "b"), new("a", "nowhere")];

        var result = LayeredLayout.Arrange(nodes, edges, Options);

        Assert.NotEmpty(result.Edges[0].Points);
        Assert.Empty(result.Edges[1].Points);
    }

    internal static LayoutSize DesignerBox(ActivityDefinition activity)
    {
        var outcomes = activity.Properties?["outcomes"]?.AsArray().Count ?? activity.Type switch
        {
            "Decision" or "Gate" => 2,
            "End" => 0,
            _ => 1,
        };
        return new LayoutSize(200, 50 + 18 * outcomes);
    }

    internal static LayoutSize OutcomeLabel(ConnectionDefinition connection) =>
        connection.Outcome is { } outcome && outcome != ConnectionDefinition.DefaultOutcome
            ? new LayoutSize(7 * outcome.Length + 8, 16)
            : LayoutSize.Empty;

    /// <summary>Edges as "a->b" or "a->b:Label".</summary>
    private static (List<LayoutNode> Nodes, List<LayoutEdge> Edges) Graph(string[] ids, string[] edges)
    {
        var nodes = ids.Select((id, i) => new LayoutNode(id, new LayoutSize(100 + i % 3 * 40, 60 + i % 2 * 30))).ToList();
        var list = edges.Select(text =>
        {
            var (arrow, label) = text.Split(':') is [var a, var l] ? (a, l) : (text, null);
            var ends = arrow.Split("->");
            return new LayoutEdge(ends[0], ends[1]) { Label = label is null ? LayoutSize.Empty : new LayoutSize(7 * label.Length, 16) };
        }).ToList();
        return (nodes, list);
    }

    /// <summary>
    /// A flow of <paramref name="size"/> activities: a main line, forks to later activities that join again, back
    /// connections (loops), loops onto an activity itself and two connections between one pair, with boxes and
    /// labels of varying size.
    /// </summary>
    internal static (List<LayoutNode> Nodes, List<LayoutEdge> Edges) RandomFlow(int size, int seed)
    {
        var random = new Random(seed);
        var nodes = Enumerable.Range(0, size)
            .Select(i => new LayoutNode($"n{i}", new LayoutSize(random.Next(36, 220), random.Next(36, 130))))
            .ToList();
        var edges = new List<LayoutEdge>();
        LayoutSize Label() => random.Next(3) == 0 ? LayoutSize.Empty : new LayoutSize(random.Next(20, 110), random.Next(14, 34));
        for (var i = 0; i + 1 < size; i++)
        {
            edges.Add(new LayoutEdge($"n{i}", $"n{i + 1}") { Label = Label(), SourcePortY = random.Next(2) == 0 ? null : random.Next(0, 36) });
            var roll = random.NextDouble();
            if (roll < 0.25 && i + 3 < size)
            {
                edges.Add(new LayoutEdge($"n{i}", $"n{random.Next(i + 2, Math.Min(size, i + 8))}") { Label = Label() });
            }
            else if (roll < 0.35 && i > 2)
            {
                edges.Add(new LayoutEdge($"n{i}", $"n{random.Next(Math.Max(0, i - 10), i)}") { Label = Label() });
            }
            else if (roll < 0.38)
            {
                edges.Add(new LayoutEdge($"n{i}", $"n{i}") { Label = Label() });
            }
            else if (roll < 0.41)
            {
                edges.Add(new LayoutEdge($"n{i}", $"n{i + 1}") { Label = Label() });
            }
        }
        return (nodes, edges);
    }
}

internal static class LayoutAssert
{
    /// <summary>No two boxes, no box and label, no two labels come closer than the clearance; no line crosses a box or a label.</summary>
    public static void Clear(LayoutResult result, double clearance)
    {
        // Floating point: the spacing is met up to rounding.
        var margin = clearance - 1e-6;
        var boxes = result.Nodes.ToList();
        var labels = result.Edges.Select((e, i) => (Index: i, e.Label)).Where(l => l.Label is not null).Select(l => (l.Index, Rect: l.Label!.Value)).ToList();
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                if (boxes[i].Value.Intersects(boxes[j].Value, margin))
                {
                    Assert.Fail($"boxes {boxes[i].Key} and {boxes[j].Key} overlap: {boxes[i].Value} {boxes[j].Value}");
                }
            }
            foreach (var (index, rect) in labels)
            {
                if (boxes[i].Value.Intersects(rect, margin))
                {
                    Assert.Fail($"label of connection {index} overlaps box {boxes[i].Key}: {rect} {boxes[i].Value}");
                }
            }
        }
        for (var i = 0; i < labels.Count; i++)
        {
            for (var j = i + 1; j < labels.Count; j++)
            {
                if (labels[i].Rect.Intersects(labels[j].Rect, margin))
                {
                    Assert.Fail($"labels of connections {labels[i].Index} and {labels[j].Index} overlap: {labels[i].Rect} {labels[j].Rect}");
                }
            }
        }
        var obstacles = boxes.Select(b => (Name: $"box {b.Key}", Rect: b.Value)).Concat(labels.Select(l => (Name: $"label {l.Index}", l.Rect))).ToList();
        for (var e = 0; e < result.Edges.Count; e++)
        {
            var points = result.Edges[e].Points;
            for (var k = 0; k + 1 < points.Count; k++)
            {
                var (a, b) = (points[k], points[k + 1]);
                if (!(a.X == b.X || a.Y == b.Y))
                {
                    Assert.Fail($"connection {e} has a slanted segment {a} {b}");
                }
                var segment = new LayoutRect(Math.Min(a.X, b.X), Math.Min(a.Y, b.Y), Math.Abs(a.X - b.X), Math.Abs(a.Y - b.Y));
                foreach (var (name, rect) in obstacles)
                {
                    // Shrunk by a hair so a line that ends on a box's side does not count as crossing it.
                    var inside = new LayoutRect(rect.X + 1e-6, rect.Y + 1e-6, rect.Width - 2e-6, rect.Height - 2e-6);
                    if (segment.Intersects(inside))
                    {
                        Assert.Fail($"connection {e} crosses {name}: {a} {b} through {rect}");
                    }
                }
            }
        }
    }

    /// <summary>Every route leaves its source on the right side and arrives at its target's left side.</summary>
    public static void RoutesJoinTheirBoxes(LayoutResult result, IReadOnlyList<(string Source, string Target)> edges)
    {
        for (var e = 0; e < edges.Count; e++)
        {
            var (source, target) = edges[e];
            if (!result.Nodes.TryGetValue(source, out var from) || !result.Nodes.TryGetValue(target, out var to))
            {
                continue;
            }
            var points = result.Edges[e].Points;
            Assert.True(points.Count >= 2, $"connection {e} has no route");
            Assert.Equal(from.Right, points[0].X, 6);
            Assert.InRange(points[0].Y, from.Y, from.Bottom);
            Assert.Equal(to.X, points[^1].X, 6);
            Assert.InRange(points[^1].Y, to.Y, to.Bottom);
        }
    }
}

/// <summary>Timed alone: on a shared machine other tests running at the same time would be measured too.</summary>
[CollectionDefinition(nameof(LayoutTiming), DisableParallelization = true)]
public sealed class LayoutTiming;

[Collection(nameof(LayoutTiming))]
public sealed class LayeredLayoutTimingTests(ITestOutputHelper output)
{
    [Fact]
    public void Hundred_and_fifty_activities_take_well_under_100_ms()
    {
        var (nodes, edges) = LayeredLayoutTests.RandomFlow(150, 7);
        LayeredLayout.Arrange(nodes, edges); // the first run pays for JIT compilation

        var times = new List<double>();
        for (var run = 0; run < 21; run++)
        {
            var watch = Stopwatch.StartNew();
            LayeredLayout.Arrange(nodes, edges);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();

        output.WriteLine($"layout of 150 activities and {edges.Count} connections: fastest {times[0]:F1} ms, median {times[10]:F1} ms, slowest {times[^1]:F1} ms");
        // The fastest run is what the code costs; the others measure how busy the machine is.
        Assert.True(times[0] < 50, $"fastest {times[0]:F1} ms");
    }
}
