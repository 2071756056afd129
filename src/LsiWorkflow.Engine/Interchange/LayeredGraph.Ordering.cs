namespace LsiWorkflow.Engine.Interchange;

internal sealed partial class LayeredGraph
{
    /// <summary>
    /// Starts from depth-first order, then sweeps left to right and right to left, sorting each column by the mean
    /// position of its neighbours in the column just fixed; keeps the order with the fewest crossings.
    /// </summary>
    /// <returns>The crossings left.</returns>
    private int Order()
    {
        var keys = new double[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            keys[i] = item.Node >= 0 ? discovery[item.Node] : discovery[edgeSource[item.Edge]] + 0.5 + i * 1e-7;
        }
        foreach (var layer in layers)
        {
            layer.Sort((a, b) => keys[a].CompareTo(keys[b]));
            Renumber(layer);
        }

        var best = Snapshot();
        var bestCrossings = CountCrossings();
        // Like dagre: stop once four sweeps in a row found nothing better.
        for (int sweep = 0, idle = 0; sweep < options.OrderingSweeps && bestCrossings > 0 && idle < 4; sweep++)
        {
            if (sweep % 2 == 0)
            {
                for (var l = 1; l < layers.Length; l++)
                {
                    Reorder(layers[l], left: true);
                }
            }
            else
            {
                for (var l = layers.Length - 2; l >= 0; l--)
                {
                    Reorder(layers[l], left: false);
                }
            }
            var crossings = CountCrossings();
            if (crossings < bestCrossings)
            {
                bestCrossings = crossings;
                best = Snapshot();
                idle = 0;
            }
            else
            {
                idle++;
            }
        }
        for (var l = 0; l < layers.Length; l++)
        {
            layers[l] = best[l];
            Renumber(layers[l]);
        }
        return bestCrossings;
    }

    private void Reorder(List<int> layer, bool left)
    {
        if (layer.Count < 2)
        {
            return;
        }
        var barycenter = new double[layer.Count];
        for (var p = 0; p < layer.Count; p++)
        {
            var item = items[layer[p]];
            var links = left ? item.Left : item.Right;
            if (links.Count == 0)
            {
                barycenter[p] = p;
                continue;
            }
            var sum = 0.0;
            foreach (var link in links)
            {
                sum += items[link.Other].Position;
            }
            barycenter[p] = sum / links.Count;
        }
        // A turn slot goes right below the box it turns beside, so the loop stays short.
        for (var p = 0; p < layer.Count; p++)
        {
            var item = items[layer[p]];
            if (item.Node < 0 && item.Partners.Count > 0)
            {
                barycenter[p] = barycenter[items[item.Partners[0]].Position] + 1e-3 * (1 + item.Edge % 997) / 997;
            }
        }
        // Sorting (barycenter, old position) pairs keeps ties in their order.
        var keys = new (double, int)[layer.Count];
        var order = layer.ToArray();
        for (var p = 0; p < keys.Length; p++)
        {
            keys[p] = (barycenter[p], p);
        }
        Array.Sort(keys, order);
        layer.Clear();
        layer.AddRange(order);
        Renumber(layer);
    }

    private void Renumber(List<int> layer)
    {
        for (var p = 0; p < layer.Count; p++)
        {
            items[layer[p]].Position = p;
        }
    }

    private List<int>[] Snapshot() => [.. layers.Select(l => new List<int>(l))];

    /// <summary>Crossings between neighbouring columns, counted as inversions with a Fenwick tree.</summary>
    private int CountCrossings()
    {
        var total = 0;
        var pairs = new List<(int Upper, int Lower)>();
        for (var l = 0; l + 1 < layers.Length; l++)
        {
            pairs.Clear();
            foreach (var index in layers[l])
            {
                var item = items[index];
                foreach (var link in item.Right)
                {
                    pairs.Add((item.Position, items[link.Other].Position));
                }
            }
            pairs.Sort();
            var size = layers[l + 1].Count;
            var tree = new int[size + 1];
            var seen = 0;
            foreach (var (_, lower) in pairs)
            {
                // Earlier pairs whose lower end lies strictly further down cross this one.
                var atOrAbove = 0;
                for (var i = lower + 1; i > 0; i -= i & -i)
                {
                    atOrAbove += tree[i];
                }
                total += seen - atOrAbove;
                for (var i = lower + 1; i <= size; i += i & -i)
                {
                    tree[i]++;
                }
                seen++;
            }
        }
        return total;
    }
}
