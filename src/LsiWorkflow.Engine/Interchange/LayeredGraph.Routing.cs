namespace LsiWorkflow.Engine.Interchange;

internal sealed partial class LayeredGraph
{
    /// <summary>
    /// Gives every vertical segment a channel of its own in the free space between two columns (or beside the first
    /// or last column, for turns), widens that space to fit its channels, places the columns, and draws each
    /// connection: horizontal through its slots, vertical only in its channels.
    /// </summary>
    private LayoutResult Route(int crossings)
    {
        var layerCount = layers.Length;
        // Gap g lies right of column g; gap -1 left of the first column, stored at index 0.
        var gapSegments = new List<Segment>[layerCount + 1];
        for (var g = 0; g <= layerCount; g++)
        {
            gapSegments[g] = [];
        }
        var channels = new Segment[edges.Count][];
        for (var e = 0; e < edges.Count; e++)
        {
            var path = edgePaths[e];
            if (path is null)
            {
                continue;
            }
            channels[e] = new Segment[path.Count - 1];
            for (var k = 0; k + 1 < path.Count; k++)
            {
                Item a = items[path[k]], b = items[path[k + 1]];
                var from = a.Y + (k == 0 ? SourceDelta(e) : 0);
                var to = b.Y + (k + 2 == path.Count ? TargetDelta(e) : 0);
                var turn = a.Layer == b.Layer;
                if (!turn && from == to)
                {
                    continue;
                }
                var gap = turn ? (k == 0 ? a.Layer : a.Layer - 1) : Math.Min(a.Layer, b.Layer);
                var segment = new Segment(from, to) { Gap = gap };
                channels[e][k] = segment;
                gapSegments[gap + 1].Add(segment);
            }
        }

        var gapWidth = new double[layerCount + 1];
        for (var g = 0; g <= layerCount; g++)
        {
            var segments = gapSegments[g];
            // Lines going down: the one starting lowest takes the leftmost channel; going up, the highest. That way
            // segments heading the same way never cross each other.
            var ordered = segments.Where(s => s.To > s.From).OrderByDescending(s => s.From)
                .Concat(segments.Where(s => s.To < s.From).OrderBy(s => s.From)).ToList();
            for (var c = 0; c < ordered.Count; c++)
            {
                ordered[c].Channel = c;
            }
            var needed = segments.Count == 0 ? 0 : (segments.Count + 1) * options.ChannelSpacing;
            var inner = g > 0 && g < layerCount;
            gapWidth[g] = inner ? Math.Max(options.LayerSpacing, needed) : needed;
        }

        var columnX = new double[layerCount];
        var columnWidth = new double[layerCount];
        var gapX = new double[layerCount + 1];
        var x = options.Margin;
        gapX[0] = x;
        x += gapWidth[0];
        for (var l = 0; l < layerCount; l++)
        {
            columnWidth[l] = layers[l].Count == 0 ? 0 : layers[l].Max(i => items[i].Width);
            columnX[l] = x;
            x += columnWidth[l];
            gapX[l + 1] = x;
            x += gapWidth[l + 1];
        }

        var top = items.Count == 0 ? 0 : items.Min(i => i.Top);
        var shift = options.Margin - top;
        double Left(Item item) => columnX[item.Layer] + (columnWidth[item.Layer] - item.Width) / 2;
        double ChannelX(Segment s) =>
            gapX[s.Gap + 1] + (s.Channel + 1) * gapWidth[s.Gap + 1] / (gapSegments[s.Gap + 1].Count + 1);

        var boxes = new Dictionary<string, LayoutRect>(StringComparer.Ordinal);
        foreach (var item in items.Where(i => i.Node >= 0))
        {
            boxes[nodes[item.Node].Id] = new LayoutRect(Left(item), item.Top + shift, item.Width, item.Height);
        }

        var routes = new EdgeRoute[edges.Count];
        for (var e = 0; e < edges.Count; e++)
        {
            var path = edgePaths[e];
            if (path is null)
            {
                routes[e] = new EdgeRoute([], null);
                continue;
            }
            Item source = items[path[0]], target = items[path[^1]];
            var points = new List<LayoutPoint> { new(Left(source) + source.Width, source.Y + SourceDelta(e) + shift) };
            foreach (var segment in channels[e])
            {
                if (segment is not null)
                {
                    var cx = ChannelX(segment);
                    points.Add(new LayoutPoint(cx, segment.From + shift));
                    points.Add(new LayoutPoint(cx, segment.To + shift));
                }
            }
            points.Add(new LayoutPoint(Left(target), target.Y + TargetDelta(e) + shift));

            LayoutRect? label = null;
            if (!edges[e].Label.IsEmpty)
            {
                var slot = items[labelItems[e]];
                label = new LayoutRect(Left(slot), slot.Top + shift, edges[e].Label.Width, edges[e].Label.Height);
            }
            routes[e] = new EdgeRoute(Simplify(points), label);
        }
        return new LayoutResult(boxes, routes, crossings);
    }

    /// <summary>Drops repeated points and points in the middle of a straight run.</summary>
    private static List<LayoutPoint> Simplify(List<LayoutPoint> points)
    {
        var result = new List<LayoutPoint>(points.Count);
        foreach (var point in points)
        {
            if (result.Count > 0 && result[^1] == point)
            {
                continue;
            }
            if (result.Count >= 2)
            {
                LayoutPoint a = result[^2], b = result[^1];
                if ((a.X == b.X && b.X == point.X) || (a.Y == b.Y && b.Y == point.Y))
                {
                    result[^1] = point;
                    continue;
                }
            }
            result.Add(point);
        }
        return result;
    }

    /// <summary>A vertical run of one connection in the space beside a column.</summary>
    private sealed class Segment(double from, double to)
    {
        public double From { get; } = from;
        public double To { get; } = to;
        public int Gap { get; init; }
        public int Channel { get; set; }
    }
}
