using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Definitions;

namespace LsiWorkflow.Host.Features.Designer;

public enum ChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One difference between two versions: what kind, what it concerns, and for a change what differs.</summary>
public sealed record DefinitionChange(ChangeKind Kind, string Subject, string Key, string? Detail = null);

/// <summary>
/// What changed from one version of a definition to another: activities (by id), connections (by source, outcome and
/// target) and variables (by name), and the name and description. Positions count as a change of their own detail,
/// so moving things around is visible but does not hide a change of properties.
/// </summary>
public static class DefinitionComparison
{
    public const string Activity = "activiteit";
    public const string Connection = "verbinding";
    public const string Variable = "variabele";
    public const string Workflow = "werkstroom";

    public static IReadOnlyList<DefinitionChange> Compare(WorkflowDefinition from, WorkflowDefinition to)
    {
        var changes = new List<DefinitionChange>();
        if (from.Name != to.Name)
        {
            changes.Add(new(ChangeKind.Changed, Workflow, "naam", $"{from.Name} → {to.Name}"));
        }
        if (from.Description != to.Description)
        {
            changes.Add(new(ChangeKind.Changed, Workflow, "omschrijving"));
        }
        Diff(changes, Activity, from.Activities, to.Activities, a => a.Id, ActivityDetail);
        Diff(changes, Connection, from.Connections, to.Connections, ConnectionKey, (_, _) => null);
        Diff(changes, Variable, from.Variables, to.Variables, v => v.Name, (a, b) =>
            a.Type != b.Type ? $"type {a.Type} → {b.Type}"
            : !JsonNode.DeepEquals(a.Default, b.Default) ? "beginwaarde" : null);
        return changes;
    }

    private static string ConnectionKey(ConnectionDefinition c) => $"{c.Source} –{c.EffectiveOutcome}→ {c.Target}";

    /// <summary>Null when the two are the same; otherwise which parts differ.</summary>
    private static string? ActivityDetail(ActivityDefinition a, ActivityDefinition b)
    {
        var parts = new List<string>();
        if (a.Type != b.Type)
        {
            parts.Add($"soort {a.Type} → {b.Type}");
        }
        if (a.DisplayName != b.DisplayName)
        {
            parts.Add("naam");
        }
        var properties = (a.Properties ?? []).Select(p => p.Key).Union((b.Properties ?? []).Select(p => p.Key))
            .Where(key => !JsonNode.DeepEquals(a.Properties?[key], b.Properties?[key]))
            .ToList();
        if (properties.Count > 0)
        {
            parts.Add("eigenschappen " + string.Join(", ", properties));
        }
        if (a.Position != b.Position)
        {
            parts.Add("plaats");
        }
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static void Diff<T>(List<DefinitionChange> changes, string subject, IEnumerable<T> from, IEnumerable<T> to, Func<T, string> key, Func<T, T, string?> detail)
    {
        var before = from.GroupBy(key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var after = to.GroupBy(key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var (k, item) in before)
        {
            if (!after.TryGetValue(k, out var other))
            {
                changes.Add(new(ChangeKind.Removed, subject, k));
            }
            else if (detail(item, other) is { } what)
            {
                changes.Add(new(ChangeKind.Changed, subject, k, what));
            }
        }
        changes.AddRange(after.Keys.Where(k => !before.ContainsKey(k)).Select(k => new DefinitionChange(ChangeKind.Added, subject, k)));
    }
}
