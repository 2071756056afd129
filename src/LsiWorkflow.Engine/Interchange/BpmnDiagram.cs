using LsiWorkflow.Engine.Definitions;

namespace LsiWorkflow.Engine.Interchange;

/// <summary>
/// Where each activity's shape and each connection's line go in an exported diagram: the stored positions where the
/// definition has them, the layered layout for the rest.
/// </summary>
internal sealed class BpmnDiagram
{
    private const double Clearance = 30;

    private BpmnDiagram(Dictionary<ActivityDefinition, LayoutPoint> slots, EdgeRoute?[] routes)
    {
        Slots = slots;
        Routes = routes;
    }

    /// <summary>Top-left corner of every activity's slot.</summary>
    public IReadOnlyDictionary<ActivityDefinition, LayoutPoint> Slots { get; }

    /// <summary>Routes from the layout, by connection index; null where the line is drawn between the shapes as they are.</summary>
    public IReadOnlyList<EdgeRoute?> Routes { get; }

    /// <summary>
    /// When every activity has a position, those are used and lines are drawn between the shapes. Otherwise the layered
    /// layout places everything; activities with a stored position keep it, and the others go below them.
    /// </summary>
    public static BpmnDiagram Plan(WorkflowDefinition definition, IReadOnlyList<ActivityDefinition> activities, LayoutOptions? options)
    {
        var slots = new Dictionary<ActivityDefinition, LayoutPoint>(ReferenceEqualityComparer.Instance);
        var routes = new EdgeRoute?[definition.Connections.Count];
        if (activities.All(a => a.Position is not null))
        {
            foreach (var activity in activities)
            {
                slots[activity] = new LayoutPoint(activity.Position!.X, activity.Position.Y);
            }
            return new BpmnDiagram(slots, routes);
        }

        var layout = LayeredLayout.Arrange(definition, BpmnShapes.SlotSize, BpmnShapes.FlowLabelSize, options: options);
        var stored = activities.Where(a => a.Position is not null).ToList();
        var below = stored.Count == 0 ? 0 : stored.Max(a => a.Position!.Y) + BpmnShapes.Slot.Height + Clearance;
        var left = stored.Count == 0 ? 0 : stored.Min(a => a.Position!.X);
        foreach (var activity in activities)
        {
            if (activity.Position is { } p)
            {
                slots[activity] = new LayoutPoint(p.X, p.Y);
            }
            // Whole pixels: positions are stored in the definition on import, and people read them.
            else if (layout.Nodes.TryGetValue(activity.Id, out var box)
                && new LayoutPoint(Math.Round(left + box.X), Math.Round(below + box.Y)) is var slot
                && !slots.ContainsValue(slot))
            {
                slots[activity] = slot;
            }
            else
            {
                // A second activity with an id already laid out: put it after everything else.
                var right = slots.Count == 0 ? 0 : slots.Values.Max(s => s.X) + BpmnShapes.Slot.Width + Clearance;
                slots[activity] = new LayoutPoint(right, below);
            }
        }
        if (stored.Count == 0)
        {
            for (var i = 0; i < routes.Length; i++)
            {
                routes[i] = layout.Edges[i].Points.Count >= 2 ? layout.Edges[i] : null;
            }
        }
        return new BpmnDiagram(slots, routes);
    }

    /// <summary>
    /// A line between two shapes where no layout route exists: right side to left side with one vertical run halfway,
    /// or, going back, under both shapes. The label sits just after the start.
    /// </summary>
    public static EdgeRoute Connect(LayoutRect from, LayoutRect to, LayoutSize label)
    {
        List<LayoutPoint> points;
        LayoutRect? labelBox = null;
        if (to.X >= from.Right)
        {
            var middle = (from.Right + to.X) / 2;
            points = from.CenterY == to.CenterY
                ? [new(from.Right, from.CenterY), new(to.X, to.CenterY)]
                : [new(from.Right, from.CenterY), new(middle, from.CenterY), new(middle, to.CenterY), new(to.X, to.CenterY)];
            if (!label.IsEmpty)
            {
                labelBox = new LayoutRect(from.Right + 4, from.CenterY - label.Height - 3, label.Width, label.Height);
            }
        }
        else
        {
            var under = Math.Max(from.Bottom, to.Bottom) + Clearance;
            points = [new(from.CenterX, from.Bottom), new(from.CenterX, under), new(to.CenterX, under), new(to.CenterX, to.Bottom)];
            if (!label.IsEmpty)
            {
                labelBox = new LayoutRect(from.CenterX + 4, from.Bottom + 4, label.Width, label.Height);
            }
        }
        return new EdgeRoute(points, labelBox);
    }
}
