using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using LsiWorkflow.Engine.Definitions;

namespace LsiWorkflow.Engine.Runtime;

/// <summary>Connection lookups for one definition, computed once and shared by every burst on it.</summary>
internal sealed class DefinitionGraph
{
    private static readonly ConditionalWeakTable<WorkflowDefinition, DefinitionGraph> Cache = [];

    private readonly Dictionary<(string Source, string Outcome), List<ConnectionDefinition>> _outgoing = [];
    private readonly Dictionary<string, List<ConnectionDefinition>> _inbound = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HashSet<string>> _upstream = new(StringComparer.Ordinal);

    private DefinitionGraph(WorkflowDefinition definition)
    {
        foreach (var connection in definition.Connections)
        {
            var key = (connection.Source, connection.EffectiveOutcome);
            if (!_outgoing.TryGetValue(key, out var list))
            {
                _outgoing[key] = list = [];
            }
            list.Add(connection);
            if (!_inbound.TryGetValue(connection.Target, out var inbound))
            {
                _inbound[connection.Target] = inbound = [];
            }
            inbound.Add(connection);
        }
    }

    public static DefinitionGraph For(WorkflowDefinition definition) => Cache.GetValue(definition, static d => new DefinitionGraph(d));

    public IReadOnlyList<ConnectionDefinition> Outgoing(string source, string outcome) =>
        _outgoing.TryGetValue((source, outcome), out var list) ? list : [];

    public IReadOnlyList<ConnectionDefinition> Inbound(string target) =>
        _inbound.TryGetValue(target, out var list) ? list : [];

    public ConnectionDefinition? FindConnection(string source, string? outcome, string target) =>
        Outgoing(source, outcome ?? ConnectionDefinition.DefaultOutcome).FirstOrDefault(c => c.Target == target);

    /// <summary>Activities from which <paramref name="target"/> is reachable without passing through it.</summary>
    public IReadOnlySet<string> Upstream(string target) => _upstream.GetOrAdd(target, t =>
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(t);
        while (stack.Count > 0)
        {
            foreach (var connection in Inbound(stack.Pop()))
            {
                if (connection.Source != t && seen.Add(connection.Source))
                {
                    stack.Push(connection.Source);
                }
            }
        }
        return seen;
    });
}
