using System.Text.Json.Nodes;
using Blazor.Diagrams;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Interchange;

namespace LsiWorkflow.Host.Features.Designer;

/// <summary>
/// Maps a workflow definition onto a diagram and back. The diagram holds the activities and connections; the rest of
/// the definition (id, name, variables, ...) is kept aside. Nothing is dropped on the way, so opening a definition and
/// saving it unchanged gives the same JSON.
/// </summary>
public sealed class DefinitionCanvas
{
    private const double ColumnWidth = 240;

    private readonly Dictionary<string, ActivityDescriptor> descriptors;

    public DefinitionCanvas(IEnumerable<ActivityDescriptor> descriptors, BlazorDiagram diagram)
    {
        this.descriptors = descriptors.ToDictionary(d => d.Type, StringComparer.Ordinal);
        Diagram = diagram;
        diagram.Options.Links.Factory = (_, source, target) => source is OutcomePort port ? new ConnectionLink(port, target, OutcomeLabel(port.Outcome)) : null;
        // A connection dropped anywhere on an activity arrives at its input.
        diagram.Options.Links.TargetAnchorFactory = (_, _, model) => model switch
        {
            ActivityNode node => new SinglePortAnchor(node.Input),
            PortModel port => new SinglePortAnchor(port),
            _ => throw new InvalidOperationException("A connection ends at an activity."),
        };
    }

    public BlazorDiagram Diagram { get; }

    /// <summary>An outcome as the user reads it (Done: "Gereed"); set by the page from its resources.</summary>
    public Func<string, string> OutcomeLabel { get; set; } = outcome => outcome;

    /// <summary>The definition without its activities and connections.</summary>
    public WorkflowDefinition Header { get; set; } = new();

    public IEnumerable<ActivityNode> Activities => Diagram.Nodes.OfType<ActivityNode>();

    public IEnumerable<ConnectionLink> Connections => Diagram.Links.OfType<ConnectionLink>();

    public IReadOnlyCollection<ActivityDescriptor> Descriptors => descriptors.Values;

    public ActivityNode? Find(string activityId) => Activities.FirstOrDefault(a => a.ActivityId == activityId);

    public void Load(WorkflowDefinition definition)
    {
        Header = definition with { Activities = [], Connections = [] };
        Diagram.Batch(() =>
        {
            Diagram.Links.Clear();
            Diagram.Nodes.Clear();
            foreach (var activity in definition.Activities)
            {
                var position = activity.Position is { } p ? new Point(p.X, p.Y) : new Point(0, 0);
                var node = new ActivityNode(activity.Id, activity.Type, descriptors.GetValueOrDefault(activity.Type), position)
                {
                    DisplayName = activity.DisplayName,
                    Properties = activity.Properties?.DeepClone().AsObject(),
                    PositionStored = activity.Position is not null,
                };
                SyncOutcomes(node, DefinitionGraph.For(definition).Outgoing(activity.Id).Select(c => c.EffectiveOutcome));
                Diagram.Nodes.Add(node);
            }
            foreach (var connection in definition.Connections)
            {
                // Two activities may share an id in a broken definition; the first one is the one connections mean.
                var source = Find(connection.Source);
                var target = Find(connection.Target);
                if (source is null || target is null)
                {
                    continue; // the validator reports it; the designer cannot draw a connection to nowhere
                }
                Diagram.Links.Add(new ConnectionLink(source.FindOutcome(connection.EffectiveOutcome)!, new SinglePortAnchor(target.Input), OutcomeLabel(connection.EffectiveOutcome))
                {
                    OmitOutcome = connection.Outcome is null,
                });
            }
            if (definition.Activities.Any(a => a.Position is null))
            {
                // Activities without a stored position are laid out; they keep none until somebody moves them.
                var layout = LayeredPositions(definition);
                foreach (var node in Activities.Where(n => !n.PositionStored))
                {
                    if (layout.TryGetValue(node.ActivityId, out var p))
                    {
                        node.SetPosition(p.X, p.Y);
                    }
                }
            }
        });
    }

    public WorkflowDefinition ToDefinition() => Header with
    {
        Activities = [.. Activities.Select(node => ToActivity(node, keepPosition: node.PositionStored))],
        Connections = [.. Connections.Where(c => c.TargetActivity is not null).Select(c => new ConnectionDefinition
        {
            Source = c.OutcomeSource.Activity.ActivityId,
            Outcome = c.OmitOutcome && c.OutcomeSource.Outcome == ConnectionDefinition.DefaultOutcome ? null : c.OutcomeSource.Outcome,
            Target = c.TargetActivity!.ActivityId,
        })],
    };

    public string ToJson() => DefinitionSerializer.Serialize(ToDefinition());

    private static ActivityDefinition ToActivity(ActivityNode node, bool keepPosition) => new()
    {
        Id = node.ActivityId,
        Type = node.Type,
        DisplayName = string.IsNullOrEmpty(node.DisplayName) ? null : node.DisplayName,
        Position = keepPosition ? new Position(node.Position.X, node.Position.Y) : null,
        Properties = node.Properties?.DeepClone().AsObject(),
    };

    /// <summary>Adds an activity of a type with its default property values and a fresh id.</summary>
    public ActivityNode AddActivity(ActivityDescriptor descriptor, Point? at = null)
    {
        var properties = new JsonObject();
        foreach (var property in descriptor.Properties.Where(p => p.Required && p.Kind == PropertyKind.OutcomeList))
        {
            properties[property.Name] = new JsonArray("Gereed");
        }
        var node = new ActivityNode(NewId(descriptor.Type), descriptor.Type, descriptor, at ?? FreeSpot())
        {
            Properties = properties.Count == 0 ? null : properties,
            PositionStored = true,
        };
        SyncOutcomes(node, []);
        Diagram.Nodes.Add(node);
        return node;
    }

    /// <summary>
    /// The chosen activities with the connections between them, as definition JSON (connections to or from
    /// activities outside the choice are left behind). Null when nothing is chosen.
    /// </summary>
    public string? Copy(IEnumerable<ActivityNode> nodes)
    {
        var chosen = nodes.ToList();
        if (chosen.Count == 0)
        {
            return null;
        }
        var ids = chosen.Select(n => n.ActivityId).ToHashSet(StringComparer.Ordinal);
        var fragment = new WorkflowDefinition
        {
            Id = Header.Id,
            Name = Header.Name,
            // Positions always go along: a paste places the copies next to the originals.
            Activities = [.. chosen.Select(node => ToActivity(node, keepPosition: true))],
            Connections = [.. ToDefinition().Connections.Where(c => ids.Contains(c.Source) && ids.Contains(c.Target))],
        };
        return DefinitionSerializer.Serialize(fragment);
    }

    /// <summary>
    /// Adds copied activities with fresh ids, shifted by an offset, and connects them as they were connected to each
    /// other. Returns the new activities.
    /// </summary>
    public IReadOnlyList<ActivityNode> Paste(string copied, double offset = 40)
    {
        var fragment = DefinitionSerializer.Parse(copied);
        var renamed = new Dictionary<string, ActivityNode>(StringComparer.Ordinal);
        Diagram.Batch(() =>
        {
            foreach (var activity in fragment.Activities)
            {
                var at = activity.Position is { } p ? new Point(p.X + offset, p.Y + offset) : FreeSpot();
                var node = new ActivityNode(NewId(activity.Type), activity.Type, descriptors.GetValueOrDefault(activity.Type), at)
                {
                    DisplayName = activity.DisplayName,
                    Properties = activity.Properties?.DeepClone().AsObject(),
                    PositionStored = true,
                };
                SyncOutcomes(node, DefinitionGraph.For(fragment).Outgoing(activity.Id).Select(c => c.EffectiveOutcome));
                Diagram.Nodes.Add(node);
                renamed.TryAdd(activity.Id, node);
            }
            foreach (var connection in fragment.Connections)
            {
                if (renamed.GetValueOrDefault(connection.Source) is { } source && renamed.GetValueOrDefault(connection.Target) is { } target)
                {
                    Diagram.Links.Add(new ConnectionLink(source.FindOutcome(connection.EffectiveOutcome)!, new SinglePortAnchor(target.Input), OutcomeLabel(connection.EffectiveOutcome))
                    {
                        OmitOutcome = connection.Outcome is null,
                    });
                }
            }
        });
        return [.. renamed.Values];
    }

    /// <summary>Connects an outcome to an activity, replacing what that outcome led to.</summary>
    public ConnectionLink Connect(ActivityNode source, string outcome, ActivityNode target)
    {
        var port = source.FindOutcome(outcome) ?? throw new ArgumentException($"'{source.ActivityId}' has no outcome '{outcome}'.", nameof(outcome));
        var link = new ConnectionLink(port, new SinglePortAnchor(target.Input), OutcomeLabel(outcome));
        Diagram.Links.Add(link);
        return link;
    }

    public void Disconnect(ActivityNode source, string outcome) =>
        Diagram.Links.Remove(Connections.Where(c => c.OutcomeSource.Activity == source && c.OutcomeSource.Outcome == outcome).ToList());

    /// <summary>
    /// Gives the node one port per outcome it declares (fixed, or listed in its outcomes property). A port that a
    /// connection still uses stays, marked undeclared, so that no connection disappears unseen; the validator names it.
    /// </summary>
    public void SyncOutcomes(ActivityNode node) =>
        SyncOutcomes(node, node.OutcomePorts.Where(p => p.Links.Count > 0).Select(p => p.Outcome));

    private static void SyncOutcomes(ActivityNode node, IEnumerable<string> used)
    {
        var declared = DeclaredOutcomes(node);
        var wanted = declared.Concat(used.Where(o => !declared.Contains(o))).Distinct(StringComparer.Ordinal).ToList();
        foreach (var port in node.OutcomePorts.Where(p => !wanted.Contains(p.Outcome)).ToList())
        {
            node.RemovePort(port);
        }
        var existing = node.OutcomePorts.ToDictionary(p => p.Outcome, StringComparer.Ordinal);
        // Ports are drawn in the order of the outcomes: rebuild the order by removing and adding again.
        foreach (var port in existing.Values)
        {
            node.RemovePort(port);
        }
        foreach (var outcome in wanted)
        {
            var port = existing.GetValueOrDefault(outcome) ?? new OutcomePort(node, outcome);
            port.Undeclared = !declared.Contains(outcome);
            node.AddPort(port);
        }
        node.Layout();
        node.RefreshAll();
    }

    public static IReadOnlyList<string> DeclaredOutcomes(ActivityNode node)
    {
        if (node.Descriptor is not { } descriptor)
        {
            return [];
        }
        var outcomes = new List<string>(descriptor.Outcomes);
        if (descriptor.OutcomesProperty is { } name && node.Properties?[name] is JsonArray items)
        {
            foreach (var item in items)
            {
                var outcome = item switch
                {
                    JsonValue value when value.TryGetValue(out string? text) => text,
                    JsonObject obj when obj["name"] is JsonValue value && value.TryGetValue(out string? text) => text,
                    _ => null,
                };
                if (!string.IsNullOrWhiteSpace(outcome) && !outcomes.Contains(outcome))
                {
                    outcomes.Add(outcome);
                }
            }
        }
        return outcomes;
    }

    /// <summary>
    /// Shows every activity, whatever is selected (the library's own zoom-to-fit fits only the selection), and never
    /// zooms in beyond 100% so that a small workflow does not fill the screen with one box.
    /// </summary>
    public void ZoomToFit(double margin = 40)
    {
        var bounds = Activities.Select(a => a.GetBounds()).OfType<Rectangle>().ToList();
        if (Diagram.Container is not { } container || bounds.Count == 0)
        {
            return;
        }
        var left = bounds.Min(b => b.Left) - margin;
        var top = bounds.Min(b => b.Top) - margin;
        var width = bounds.Max(b => b.Right) + margin - left;
        var height = bounds.Max(b => b.Bottom) + margin - top;
        var zoom = Math.Min(1, Math.Min(container.Width / width, container.Height / height));
        Diagram.Batch(() =>
        {
            Diagram.SetZoom(zoom);
            Diagram.SetPan(-left * zoom, -top * zoom);
        });
    }

    /// <summary>
    /// Lays every activity out in layers from left to right with the engine's layered layout (no box or label over
    /// another), and stores the positions.
    /// </summary>
    public void Tidy()
    {
        var positions = LayeredPositions(ToDefinition());
        Diagram.Batch(() =>
        {
            foreach (var node in Activities)
            {
                if (positions.TryGetValue(node.ActivityId, out var p))
                {
                    node.SetPosition(p.X, p.Y);
                    node.PositionStored = true;
                }
            }
        });
    }

    /// <summary>The space an outcome's label takes along its connection; none for the default outcome.</summary>
    internal static LayoutSize LabelSize(string? outcome) =>
        outcome is { Length: > 0 } && outcome != ConnectionDefinition.DefaultOutcome ? new LayoutSize(7 * outcome.Length + 8, 16) : LayoutSize.Empty;

    /// <summary>Where every activity goes in a layered layout, at the sizes the canvas draws them.</summary>
    private Dictionary<string, Point> LayeredPositions(WorkflowDefinition definition)
    {
        var nodes = Activities.GroupBy(a => a.ActivityId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        // Starts first: the layout breaks ties by the order of the activities.
        var ordered = definition with
        {
            Activities = [.. definition.Activities.OrderBy(a => descriptors.GetValueOrDefault(a.Type)?.IsStart == true ? 0 : 1)],
        };
        var result = LayeredLayout.Arrange(
            ordered,
            activity => nodes.TryGetValue(activity.Id, out var node) && node.Size is { } size
                ? new LayoutSize(size.Width, size.Height)
                : new LayoutSize(ActivityNode.Width, 60),
            connection => LabelSize(connection.Outcome),
            connection => nodes.TryGetValue(connection.Source, out var node) && node.FindOutcome(connection.EffectiveOutcome) is { } port
                ? port.Position.Y - node.Position.Y + port.Size!.Height / 2
                : null);
        return result.Nodes.ToDictionary(n => n.Key, n => new Point(n.Value.X, n.Value.Y), StringComparer.Ordinal);
    }

    private Point FreeSpot()
    {
        if (!Activities.Any())
        {
            return new Point(40, 40);
        }
        var right = Activities.Max(a => a.Position.X);
        var top = Activities.Where(a => a.Position.X == right).Min(a => a.Position.Y);
        return new Point(right + ColumnWidth, top);
    }

    private string NewId(string type)
    {
        var stem = char.ToLowerInvariant(type[0]) + type[1..];
        var taken = Activities.Select(a => a.ActivityId).ToHashSet(StringComparer.Ordinal);
        for (var i = 1; ; i++)
        {
            var id = $"{stem}{i}";
            if (!taken.Contains(id))
            {
                return id;
            }
        }
    }
}
