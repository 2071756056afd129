namespace LsiWorkflow.Engine.Interchange;

internal sealed partial class LayeredGraph
{
    /// <summary>
    /// Depth-first from the boxes nothing leads to (in the given order, so a start comes first), then from the rest;
    /// a connection to a box still on the stack closes a cycle and is reversed. Loops onto a box are reversed too.
    /// </summary>
    private void BreakCycles()
    {
        var n = nodes.Count;
        var outgoing = new List<int>[n];
        var inDegree = new int[n];
        for (var i = 0; i < n; i++)
        {
            outgoing[i] = [];
        }
        for (var e = 0; e < edges.Count; e++)
        {
            if (IsRouted(e))
            {
                outgoing[edgeSource[e]].Add(e);
                if (edgeSource[e] != edgeTarget[e])
                {
                    inDegree[edgeTarget[e]]++;
                }
            }
        }
        reversed = new bool[edges.Count];
        discovery = new int[n];
        var state = new byte[n]; // 0 not seen, 1 on the stack, 2 done
        var counter = 0;
        var stack = new Stack<(int Node, int Next)>();
        var roots = Enumerable.Range(0, n).Where(i => inDegree[i] == 0).Concat(Enumerable.Range(0, n));
        foreach (var root in roots)
        {
            if (state[root] != 0)
            {
                continue;
            }
            state[root] = 1;
            discovery[root] = counter++;
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (next < outgoing[node].Count)
                {
                    stack.Push((node, next + 1));
                    var edge = outgoing[node][next];
                    var target = edgeTarget[edge];
                    if (state[target] == 1)
                    {
                        reversed[edge] = true;
                    }
                    else if (state[target] == 0)
                    {
                        state[target] = 1;
                        discovery[target] = counter++;
                        stack.Push((target, 0));
                    }
                }
                else
                {
                    state[node] = 2;
                }
            }
        }
    }

    /// <summary>
    /// Longest path with every connection two columns long (the column between holds its label), then each box that
    /// leads to more than leads to it moves right up to its nearest successor: shorter connections overall.
    /// </summary>
    private void AssignLayers()
    {
        var n = nodes.Count;
        var successors = new List<int>[n];
        var predecessors = new List<int>[n];
        for (var i = 0; i < n; i++)
        {
            successors[i] = [];
            predecessors[i] = [];
        }
        for (var e = 0; e < edges.Count; e++)
        {
            if (!IsRouted(e) || edgeSource[e] == edgeTarget[e])
            {
                continue;
            }
            var (from, to) = reversed[e] ? (edgeTarget[e], edgeSource[e]) : (edgeSource[e], edgeTarget[e]);
            successors[from].Add(to);
            predecessors[to].Add(from);
        }

        var remaining = predecessors.Select(p => p.Count).ToArray();
        var queue = new Queue<int>(Enumerable.Range(0, n).Where(i => remaining[i] == 0));
        var topological = new List<int>(n);
        nodeLayer = new int[n];
        while (queue.TryDequeue(out var node))
        {
            topological.Add(node);
            foreach (var next in successors[node])
            {
                nodeLayer[next] = Math.Max(nodeLayer[next], nodeLayer[node] + 2);
                if (--remaining[next] == 0)
                {
                    queue.Enqueue(next);
                }
            }
        }

        for (var i = topological.Count - 1; i >= 0; i--)
        {
            var node = topological[i];
            if (successors[node].Count > predecessors[node].Count)
            {
                var nearest = successors[node].Min(s => nodeLayer[s]) - 2;
                nodeLayer[node] = Math.Max(nodeLayer[node], nearest);
            }
        }
        if (n > 0)
        {
            var least = nodeLayer.Min();
            for (var i = 0; i < n; i++)
            {
                nodeLayer[i] -= least;
            }
        }
    }
}
