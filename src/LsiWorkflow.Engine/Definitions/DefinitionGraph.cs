using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace LsiWorkflow.Engine.Definitions;

/// <summary>
/// The connections of one definition as a graph of its activities: what follows an outcome, what comes into an
/// activity, what lies before it, what the starts reach and which activities form a loop. The validator, the runner
/// and the designer all ask this one graph, so they cannot disagree about what is connected to what.
/// </summary>
/// <remarks>
/// A graph is built once per definition object and shared (<see cref="For"/>); a definition is not changed after it
/// is read, so the graph never goes stale. The activities are the nodes: an activity without an id is none, and a
/// repeated id is one node. <see cref="Outgoing(string, string)"/> and <see cref="Inbound"/> list connections as
/// written, including one to or from an activity that does not exist (the runner reports it when a token takes it);
/// the walks (<see cref="Successors"/>, <see cref="Upstream"/>, <see cref="LeadsTo"/>, <see cref="StepsFrom"/>,
/// <see cref="Loops"/>) follow only connections between two activities of the definition.
/// </remarks>
public sealed class DefinitionGraph
{
    private static readonly ConditionalWeakTable<WorkflowDefinition, DefinitionGraph> Cache = [];

    private readonly HashSet<string> _nodes = new(StringComparer.Ordinal);
    private readonly List<string> _activities = [];
    private readonly Dictionary<(string Source, string Outcome), List<ConnectionDefinition>> _outgoingByOutcome = [];
    private readonly Dictionary<string, List<ConnectionDefinition>> _outgoing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ConnectionDefinition>> _inbound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _successors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _predecessors = new(StringComparer.Ordinal);
    private readonly HashSet<(string Source, string Target)> _edges = [];
    private readonly ConcurrentDictionary<string, Ancestry> _upstream = new(StringComparer.Ordinal);
    private readonly Lazy<IReadOnlyList<IReadOnlyList<string>>> _loops;

    private DefinitionGraph(WorkflowDefinition definition)
    {
        foreach (var activity in definition.Activities)
        {
            if (!string.IsNullOrEmpty(activity.Id) && _nodes.Add(activity.Id))
            {
                _activities.Add(activity.Id);
            }
        }
        foreach (var connection in definition.Connections)
        {
            Add(_outgoingByOutcome, (connection.Source, connection.EffectiveOutcome), connection);
            Add(_outgoing, connection.Source, connection);
            Add(_inbound, connection.Target, connection);
            if (_nodes.Contains(connection.Source) && _nodes.Contains(connection.Target) && _edges.Add((connection.Source, connection.Target)))
            {
                Add(_successors, connection.Source, connection.Target);
                Add(_predecessors, connection.Target, connection.Source);
            }
        }
        _loops = new(FindLoops);
    }

    /// <summary>The graph of <paramref name="definition"/>, built on first use and kept as long as the definition lives.</summary>
    public static DefinitionGraph For(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Cache.GetValue(definition, static d => new DefinitionGraph(d));
    }

    /// <summary>The activity ids, each once, in the order of the definition.</summary>
    public IReadOnlyList<string> Activities => _activities;

    /// <summary>The connections leaving <paramref name="source"/> by <paramref name="outcome"/>, in the order of the definition.</summary>
    public IReadOnlyList<ConnectionDefinition> Outgoing(string source, string outcome) =>
        _outgoingByOutcome.TryGetValue((source, outcome), out var list) ? list : [];

    /// <summary>Every connection leaving <paramref name="source"/>, whatever its outcome, in the order of the definition.</summary>
    public IReadOnlyList<ConnectionDefinition> Outgoing(string source) =>
        _outgoing.TryGetValue(source, out var list) ? list : [];

    /// <summary>Every connection into <paramref name="target"/>, in the order of the definition.</summary>
    public IReadOnlyList<ConnectionDefinition> Inbound(string target) =>
        _inbound.TryGetValue(target, out var list) ? list : [];

    /// <summary>
    /// The connection from <paramref name="source"/> by <paramref name="outcome"/> (the default outcome when null)
    /// to <paramref name="target"/>, or null when there is none.
    /// </summary>
    public ConnectionDefinition? FindConnection(string source, string? outcome, string target) =>
        Outgoing(source, outcome ?? ConnectionDefinition.DefaultOutcome).FirstOrDefault(c => c.Target == target);

    /// <summary>The activities a connection of <paramref name="activityId"/> leads to directly, each once.</summary>
    public IReadOnlyList<string> Successors(string activityId) =>
        _successors.TryGetValue(activityId, out var list) ? list : [];

    /// <summary>
    /// Every activity with a path of connections to <paramref name="activityId"/>, nearest first; the activity itself
    /// only when it lies on a loop.
    /// </summary>
    public IReadOnlyList<string> Upstream(string activityId) => AncestryOf(activityId).InOrder;

    /// <summary>True when a path of one or more connections leads from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public bool LeadsTo(string from, string to) => AncestryOf(to).Members.Contains(from);

    /// <summary>
    /// The activities reachable from <paramref name="starts"/>, each with the fewest connections it takes to get
    /// there (a start itself 0), in the order a breadth-first walk finds them. Ids that are no activity are left out.
    /// </summary>
    public IReadOnlyDictionary<string, int> StepsFrom(IEnumerable<string> starts)
    {
        ArgumentNullException.ThrowIfNull(starts);
        var steps = new OrderedDictionary<string, int>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (var start in starts)
        {
            if (_nodes.Contains(start) && steps.TryAdd(start, 0))
            {
                queue.Enqueue(start);
            }
        }
        while (queue.TryDequeue(out var id))
        {
            foreach (var next in Successors(id))
            {
                if (steps.TryAdd(next, steps[id] + 1))
                {
                    queue.Enqueue(next);
                }
            }
        }
        return steps;
    }

    /// <summary>
    /// The loops: every group of activities that can each reach all the others (a strongly connected component
    /// with a cycle, a single activity only when it connects to itself). Members are in the order of the
    /// definition; the groups come in reverse topological order (a loop comes before the loops that lead to it).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Loops => _loops.Value;

    private Ancestry AncestryOf(string activityId) => _upstream.GetOrAdd(activityId, static (id, graph) =>
    {
        var members = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<string>();
        var queue = new Queue<string>([id]);
        while (queue.TryDequeue(out var next))
        {
            foreach (var source in graph._predecessors.GetValueOrDefault(next) ?? [])
            {
                if (members.Add(source))
                {
                    order.Add(source);
                    queue.Enqueue(source);
                }
            }
        }
        return new Ancestry(order, members);
    }, this);

    private List<IReadOnlyList<string>> FindLoops()
    {
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _activities.Count; i++)
        {
            position[_activities[i]] = i;
        }
        var loops = new List<IReadOnlyList<string>>();
        foreach (var component in StronglyConnectedComponents())
        {
            if (component.Count > 1 || _edges.Contains((component[0], component[0])))
            {
                loops.Add([.. component.OrderBy(id => position[id])]);
            }
        }
        return loops;
    }

    private List<List<string>> StronglyConnectedComponents()
    {
        // Tarjan's algorithm, iterative so a long chain cannot overflow the stack.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var result = new List<List<string>>();
        var counter = 0;
        foreach (var root in _activities)
        {
            if (index.ContainsKey(root))
            {
                continue;
            }
            var work = new Stack<(string Node, int Next)>();
            work.Push((root, 0));
            index[root] = low[root] = counter++;
            stack.Push(root);
            onStack.Add(root);
            while (work.Count > 0)
            {
                var (node, next) = work.Pop();
                var targets = Successors(node);
                if (next < targets.Count)
                {
                    work.Push((node, next + 1));
                    var target = targets[next];
                    if (index.TryAdd(target, counter))
                    {
                        low[target] = counter++;
                        stack.Push(target);
                        onStack.Add(target);
                        work.Push((target, 0));
                    }
                    else if (onStack.Contains(target))
                    {
                        low[node] = Math.Min(low[node], index[target]);
                    }
                    continue;
                }
                if (low[node] == index[node])
                {
                    var component = new List<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (member != node);
                    result.Add(component);
                }
                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }
            }
        }
        return result;
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> index, TKey key, TValue value)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }
        list.Add(value);
    }

    private sealed record Ancestry(IReadOnlyList<string> InOrder, HashSet<string> Members);
}
