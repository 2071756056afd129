namespace LsiWorkflow.Engine.Interchange;

/// <summary>
/// The working state of one <see cref="LayeredLayout"/> run: boxes and connection slots ("items") in columns
/// ("layers"). The steps live in partial files: layers, ordering, coordinates and routing.
/// </summary>
internal sealed partial class LayeredGraph
{
    private readonly IReadOnlyList<LayoutNode> nodes;
    private readonly IReadOnlyList<LayoutEdge> edges;
    private readonly LayoutOptions options;
    private readonly int[] edgeSource;
    private readonly int[] edgeTarget;
    private readonly List<Item> items = [];
    private readonly List<int>?[] edgePaths;
    private readonly int[] labelItems;
    private bool[] reversed = [];
    private int[] discovery = [];
    private int[] nodeLayer = [];
    private List<int>[] layers = [];

    public LayeredGraph(IReadOnlyList<LayoutNode> nodes, IReadOnlyList<LayoutEdge> edges, LayoutOptions options)
    {
        this.nodes = nodes;
        this.edges = edges;
        this.options = options;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            if (!index.TryAdd(nodes[i].Id, i))
            {
                throw new ArgumentException($"Two boxes have the id '{nodes[i].Id}'.", nameof(nodes));
            }
        }
        edgeSource = new int[edges.Count];
        edgeTarget = new int[edges.Count];
        for (var e = 0; e < edges.Count; e++)
        {
            edgeSource[e] = index.GetValueOrDefault(edges[e].Source, -1);
            edgeTarget[e] = index.GetValueOrDefault(edges[e].Target, -1);
        }
        edgePaths = new List<int>?[edges.Count];
        labelItems = new int[edges.Count];
    }

    private bool IsRouted(int edge) => edgeSource[edge] >= 0 && edgeTarget[edge] >= 0;

    public LayoutResult Run()
    {
        BreakCycles();
        AssignLayers();
        BuildItems();
        var crossings = Order();
        AssignVerticalPositions();
        return Route(crossings);
    }

    /// <summary>
    /// Every connection becomes a path of items: its source, one slot per column it passes (the first carries its
    /// label), and its target. A forward connection passes the columns between its ends; a reversed one turns right
    /// of its source and passes every column from its source's back to its target's, both included.
    /// </summary>
    private void BuildItems()
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            var size = nodes[i].Size;
            items.Add(new Item
            {
                Layer = nodeLayer[i],
                Width = Math.Max(0, size.Width),
                Height = Math.Max(0, size.Height),
                Anchor = Math.Max(0, size.Height) / 2,
                Node = i,
                Weight = 1,
            });
        }
        for (var e = 0; e < edges.Count; e++)
        {
            labelItems[e] = -1;
            if (!IsRouted(e))
            {
                continue;
            }
            int source = edgeSource[e], target = edgeTarget[e];
            int from = nodeLayer[source], to = nodeLayer[target];
            var path = new List<int> { source };
            if (!reversed[e])
            {
                for (var layer = from + 1; layer < to; layer++)
                {
                    path.Add(AddSlot(e, layer));
                }
            }
            else
            {
                for (var layer = from; layer >= to; layer--)
                {
                    path.Add(AddSlot(e, layer));
                }
            }
            path.Add(target);
            edgePaths[e] = path;

            var label = edges[e].Label;
            var labelSlot = items[path[1]];
            labelItems[e] = path[1];
            if (!label.IsEmpty)
            {
                labelSlot.Width = label.Width;
                labelSlot.Height = label.Height + options.LabelGap;
                labelSlot.Anchor = labelSlot.Height;
            }

            for (var k = 0; k + 1 < path.Count; k++)
            {
                Item a = items[path[k]], b = items[path[k + 1]];
                var aDelta = k == 0 ? SourceDelta(e) : 0;
                var bDelta = k + 2 == path.Count ? TargetDelta(e) : 0;
                if (a.Layer == b.Layer)
                {
                    // A turn beside a box: the slot follows that box.
                    (a.Node >= 0 ? b : a).Partners.Add(a.Node >= 0 ? path[k] : path[k + 1]);
                }
                else if (b.Layer == a.Layer + 1)
                {
                    a.Right.Add(new Link(path[k + 1], bDelta, aDelta));
                    b.Left.Add(new Link(path[k], aDelta, bDelta));
                }
                else
                {
                    a.Left.Add(new Link(path[k + 1], bDelta, aDelta));
                    b.Right.Add(new Link(path[k], aDelta, bDelta));
                }
            }
        }
        var layerCount = items.Count == 0 ? 0 : items.Max(i => i.Layer) + 1;
        layers = new List<int>[layerCount];
        for (var l = 0; l < layerCount; l++)
        {
            layers[l] = [];
        }
        for (var i = 0; i < items.Count; i++)
        {
            layers[items[i].Layer].Add(i);
        }
    }

    private int AddSlot(int edge, int layer)
    {
        items.Add(new Item { Layer = layer, Edge = edge, Weight = 2 });
        return items.Count - 1;
    }

    /// <summary>Offset of the source port from the box's middle.</summary>
    private double SourceDelta(int edge)
    {
        var height = Math.Max(0, nodes[edgeSource[edge]].Size.Height);
        return edges[edge].SourcePortY is { } y ? Math.Clamp(y, 0, height) - height / 2 : 0;
    }

    /// <summary>Offset of the target port from the box's middle.</summary>
    private double TargetDelta(int edge)
    {
        var height = Math.Max(0, nodes[edgeTarget[edge]].Size.Height);
        return edges[edge].TargetPortY is { } y ? Math.Clamp(y, 0, height) - height / 2 : 0;
    }

    /// <summary>A box, or the slot of a connection in one column.</summary>
    private sealed class Item
    {
        public int Layer;
        public double Width;
        public double Height;

        /// <summary>Where, from the item's top, connections attach: a box's middle, the line under a label.</summary>
        public double Anchor;

        public int Node = -1;
        public int Edge = -1;
        public double Weight;
        public List<Link> Left { get; } = [];
        public List<Link> Right { get; } = [];

        /// <summary>Boxes in the same column this slot turns beside.</summary>
        public List<int> Partners { get; } = [];

        public int Position;

        /// <summary>Vertical position of the anchor.</summary>
        public double Y;

        public double Top => Y - Anchor;
    }

    /// <summary>A connection to an item in the next or previous column, with both ends' offsets from their anchors.</summary>
    private readonly record struct Link(int Other, double OtherDelta, double SelfDelta);
}
