using LsiWorkflow.Engine.Definitions;

namespace LsiWorkflow.Engine.Interchange;

/// <summary>
/// Lays a flowchart out in columns from left to right (Sugiyama style): cycles are broken by reversing back
/// connections, boxes get columns by longest path (then pulled towards what they lead to), the order within a
/// column is chosen by barycenter sweeps that keep the arrangement with the fewest crossings, and vertical positions
/// come from a least-squares alignment with each box's neighbours under the spacing constraints.
/// </summary>
/// <remarks>
/// Every connection passes through a column of its own between two box columns, where its label gets a slot like a
/// box does; a connection back to an earlier box turns into the space right of its source and runs back through
/// slots of its own. Vertical segments run only in the free space between columns, each in a channel of its own.
/// So no two boxes overlap, and no label overlaps a box or another label: they are all kept at least
/// <see cref="LayoutOptions.GuaranteedClearance"/> apart.
/// </remarks>
public static class LayeredLayout
{
    /// <summary>Lays out boxes and the connections between them. Edges naming an unknown box are routed as empty.</summary>
    /// <param name="nodes">The boxes, ids unique; their order is the tie-breaker, so put starts first.</param>
    /// <param name="edges">The connections.</param>
    /// <param name="options">Spacing; defaults when null.</param>
    public static LayoutResult Arrange(IReadOnlyList<LayoutNode> nodes, IReadOnlyList<LayoutEdge> edges, LayoutOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        var graph = new LayeredGraph(nodes, edges, options ?? new LayoutOptions());
        return graph.Run();
    }

    /// <summary>
    /// Lays out a definition's activities and connections. Connections to or from an activity that does not exist
    /// get an empty route; of two activities with one id the first counts.
    /// </summary>
    /// <param name="definition">The definition.</param>
    /// <param name="boxSize">The size each activity is drawn at (its title and its kind).</param>
    /// <param name="labelSize">The size of a connection's label; <see cref="LayoutSize.Empty"/> for none.</param>
    /// <param name="sourcePortY">Where a connection leaves its source, from the box's top; null: the middle.</param>
    /// <param name="options">Spacing; defaults when null.</param>
    /// <returns>Boxes by activity id and routes in the order of <see cref="WorkflowDefinition.Connections"/>.</returns>
    public static LayoutResult Arrange(
        WorkflowDefinition definition,
        Func<ActivityDefinition, LayoutSize> boxSize,
        Func<ConnectionDefinition, LayoutSize> labelSize,
        Func<ConnectionDefinition, double?>? sourcePortY = null,
        LayoutOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(boxSize);
        ArgumentNullException.ThrowIfNull(labelSize);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var nodes = new List<LayoutNode>();
        foreach (var activity in definition.Activities)
        {
            if (seen.Add(activity.Id))
            {
                nodes.Add(new LayoutNode(activity.Id, boxSize(activity)));
            }
        }
        var edges = definition.Connections
            .Select(c => new LayoutEdge(c.Source, c.Target) { Label = labelSize(c), SourcePortY = sourcePortY?.Invoke(c) })
            .ToList();
        return Arrange(nodes, edges, options);
    }
}
