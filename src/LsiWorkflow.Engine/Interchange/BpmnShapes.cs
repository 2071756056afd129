using LsiWorkflow.Engine.Definitions;

namespace LsiWorkflow.Engine.Interchange;

/// <summary>
/// Sizes in BPMN diagrams. Every activity owns a slot of task size whose top-left corner is its position in the
/// definition; a task fills its slot, an event or a gateway sits in the middle of it. So positions survive a round
/// trip, and a layout of slots keeps events and gateways clear too.
/// </summary>
public static class BpmnShapes
{
    /// <summary>Size of a task, and of every activity's slot.</summary>
    public static LayoutSize Slot { get; } = new(100, 80);

    /// <summary>Size of an event (a circle).</summary>
    public static LayoutSize Event { get; } = new(36, 36);

    /// <summary>Size of a gateway (a diamond).</summary>
    public static LayoutSize Gateway { get; } = new(50, 50);

    /// <summary>Width at which bpmn.io wraps external labels.</summary>
    public const double LabelWidth = 90;

    private const double CharacterWidth = 6.5;
    private const double LineHeight = 14;

    /// <summary>The slot size of any activity, as a box-size function for <see cref="LayeredLayout"/>.</summary>
    public static LayoutSize SlotSize(ActivityDefinition activity) => Slot;

    /// <summary>The label of a connection in a BPMN diagram: its outcome, unless it is the default one.</summary>
    public static string? FlowLabel(ConnectionDefinition connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.Outcome is { } outcome && outcome != ConnectionDefinition.DefaultOutcome ? outcome : null;
    }

    /// <summary>The size of a connection's label, as a label-size function for <see cref="LayeredLayout"/>.</summary>
    public static LayoutSize FlowLabelSize(ConnectionDefinition connection) =>
        FlowLabel(connection) is { } text ? TextSize(text) : LayoutSize.Empty;

    /// <summary>An estimate of the space bpmn.io needs for a label (11px sans-serif, wrapped at <see cref="LabelWidth"/>).</summary>
    public static LayoutSize TextSize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return LayoutSize.Empty;
        }
        var width = text.Length * CharacterWidth + 4;
        var lines = Math.Ceiling(width / LabelWidth);
        return new LayoutSize(Math.Min(width, LabelWidth), lines * LineHeight);
    }

    /// <summary>The shape size of a BPMN element kind.</summary>
    public static LayoutSize ShapeSize(string element) =>
        BpmnVocabulary.IsEvent(element) ? Event : BpmnVocabulary.IsGateway(element) ? Gateway : Slot;

    /// <summary>The bounds of a shape whose slot starts at <paramref name="slot"/>.</summary>
    public static LayoutRect Bounds(string element, LayoutPoint slot)
    {
        var size = ShapeSize(element);
        return new LayoutRect(
            slot.X + (Slot.Width - size.Width) / 2,
            slot.Y + (Slot.Height - size.Height) / 2,
            size.Width,
            size.Height);
    }

    /// <summary>The slot position of a shape with these bounds (its centre less half a slot), rounded to 6 decimals.</summary>
    public static Position SlotPosition(LayoutRect bounds) =>
        new(Math.Round(bounds.CenterX - Slot.Width / 2, 6), Math.Round(bounds.CenterY - Slot.Height / 2, 6));
}
