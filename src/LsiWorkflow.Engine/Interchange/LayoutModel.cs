namespace LsiWorkflow.Engine.Interchange;

/// <summary>A box to place: an activity with the size it is drawn at.</summary>
/// <param name="Id">Activity id, unique among the nodes.</param>
/// <param name="Size">Size of the box.</param>
public sealed record LayoutNode(string Id, LayoutSize Size);

/// <summary>A connection to route from one box to another (the same box for a loop onto itself).</summary>
/// <param name="Source">Id of the box the connection leaves.</param>
/// <param name="Target">Id of the box it arrives at.</param>
public sealed record LayoutEdge(string Source, string Target)
{
    /// <summary>Size of the label drawn along the connection (the outcome); empty for none.</summary>
    public LayoutSize Label { get; init; }

    /// <summary>Where on the source's right side the connection leaves, from the box's top; null: the middle.</summary>
    public double? SourcePortY { get; init; }

    /// <summary>Where on the target's left side the connection arrives, from the box's top; null: the middle.</summary>
    public double? TargetPortY { get; init; }
}

/// <summary>Spacing of a layered layout. The defaults suit both the designer and BPMN diagrams.</summary>
public sealed record LayoutOptions
{
    /// <summary>Least free space between two columns.</summary>
    public double LayerSpacing { get; init; } = 30;

    /// <summary>Least vertical space between two boxes in one column.</summary>
    public double NodeSpacing { get; init; } = 40;

    /// <summary>Least vertical space between a connection (or its label) and anything else in one column.</summary>
    public double EdgeSpacing { get; init; } = 14;

    /// <summary>Horizontal distance between vertical connection segments that share the space between two columns.</summary>
    public double ChannelSpacing { get; init; } = 10;

    /// <summary>Space between a connection's line and its label above it.</summary>
    public double LabelGap { get; init; } = 3;

    /// <summary>Where the drawing starts: the least x and y of any box or label.</summary>
    public double Margin { get; init; } = 20;

    /// <summary>Rounds of barycenter sweeps (each one left to right or right to left) to reduce crossings.</summary>
    public int OrderingSweeps { get; init; } = 24;

    /// <summary>
    /// The least distance this layout keeps between any two boxes and labels: the smallest of the spacings.
    /// </summary>
    public double GuaranteedClearance => Math.Min(LayerSpacing, Math.Min(NodeSpacing, EdgeSpacing));
}

/// <summary>The route of one connection.</summary>
/// <param name="Points">The polyline from the source's right side to the target's left side.</param>
/// <param name="Label">Where its label goes, or null when it has none.</param>
public sealed record EdgeRoute(IReadOnlyList<LayoutPoint> Points, LayoutRect? Label);

/// <summary>What a layered layout came to.</summary>
/// <param name="Nodes">The box of every node, by id.</param>
/// <param name="Edges">The route of every edge, in the order the edges were given.</param>
/// <param name="Crossings">Crossings between the columns left after ordering (a measure of quality).</param>
public sealed record LayoutResult(IReadOnlyDictionary<string, LayoutRect> Nodes, IReadOnlyList<EdgeRoute> Edges, int Crossings);
