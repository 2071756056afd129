using System.Text.Json.Nodes;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using LsiWorkflow.Engine.Activities;

namespace LsiWorkflow.Host.Features.Designer;

/// <summary>How an activity looks in the instance monitor.</summary>
public enum ActivityMark
{
    None,
    Visited,
    Waiting,
    Faulted,
}

/// <summary>An activity on the canvas; what it holds is what the definition JSON holds for it.</summary>
public sealed class ActivityNode : NodeModel
{
    public ActivityNode(string activityId, string type, ActivityDescriptor? descriptor, Point position) : base(position)
    {
        ActivityId = activityId;
        Type = type;
        Descriptor = descriptor;
        Input = (InputPort)AddPort(new InputPort(this));
        // Sized and its ports placed here, not measured in the browser: measuring 150 activities and some 400 ports,
        // and measuring the ports again once each activity's size arrived, is what made a large definition slow to
        // open. designer.css draws exactly these sizes and places.
        ControlledSize = true;
        Layout();
    }

    public const double Width = 200;

    // The geometry of designer.css (every box there is border-box).
    private const double Border = 2;
    private const double Padding = 6;
    private const double HeadHeight = 18;
    private const double MetaHeight = 16;
    private const double OutcomeHeight = 18;
    private const double PortSize = 12;
    private const double InputPortTop = 12;
    private const double InputPortLeft = -8;
    private const double OutcomePortTop = 2;
    private const double OutcomePortRight = -18;
    private const double SidePadding = 10;

    public string ActivityId { get; set; }

    public string Type { get; }

    /// <summary>Null for a type this host does not know; the node still keeps its JSON.</summary>
    public ActivityDescriptor? Descriptor { get; }

    public string? DisplayName { get; set; }

    public JsonObject? Properties { get; set; }

    /// <summary>
    /// Whether the definition states this position. A node placed by the automatic layout keeps its JSON without one
    /// until somebody moves it, so opening and saving a definition changes nothing.
    /// </summary>
    public bool PositionStored { get; set; }

    public InputPort Input { get; }

    public IEnumerable<OutcomePort> OutcomePorts => Ports.OfType<OutcomePort>();

    public IReadOnlyList<string> Problems { get; set; } = [];

    public ActivityMark Mark { get; set; }

    /// <summary>What the box says: its name in the diagram, else its title (a task's), else its kind.</summary>
    public string Label =>
        !string.IsNullOrWhiteSpace(DisplayName) ? DisplayName
        : Properties?["title"] is JsonValue title && title.TryGetValue(out string? text) && !string.IsNullOrWhiteSpace(text) ? text
        : Kind;

    /// <summary>The kind of activity, e.g. "Taak".</summary>
    public string Kind => Descriptor?.DisplayName ?? Type;

    public OutcomePort? FindOutcome(string outcome) => OutcomePorts.FirstOrDefault(p => p.Outcome == outcome);

    /// <summary>Sets the size that fits the outcome ports and puts every port where designer.css draws it.</summary>
    public void Layout()
    {
        var outcomes = OutcomePorts.ToList();
        Size = new Size(Width, 2 * (Border + Padding) + HeadHeight + MetaHeight + outcomes.Count * OutcomeHeight);
        var inside = new Point(Position.X + Border, Position.Y + Border);
        Place(Input, inside.X + InputPortLeft, inside.Y + InputPortTop);
        var rowsTop = inside.Y + Padding + HeadHeight + MetaHeight;
        var rowRight = Position.X + Width - Border - SidePadding;
        for (var i = 0; i < outcomes.Count; i++)
        {
            Place(outcomes[i], rowRight - OutcomePortRight - PortSize, rowsTop + i * OutcomeHeight + OutcomePortTop);
        }
    }

    private static void Place(PortModel port, double x, double y)
    {
        port.Size = new Size(PortSize, PortSize);
        port.Position = new Point(x, y);
        port.Initialized = true;
    }
}

/// <summary>Where connections arrive at an activity.</summary>
public sealed class InputPort(ActivityNode parent) : PortModel(parent, PortAlignment.Left, null, null)
{
    public ActivityNode Activity => (ActivityNode)Parent;

    public override bool CanAttachTo(ILinkable other) => false;
}

/// <summary>One outcome of an activity; a connection leaves from here.</summary>
public sealed class OutcomePort(ActivityNode parent, string outcome) : PortModel(parent, PortAlignment.Right, null, null)
{
    public string Outcome { get; } = outcome;

    public ActivityNode Activity => (ActivityNode)Parent;

    /// <summary>An outcome the activity does not declare (any more) but a connection still uses.</summary>
    public bool Undeclared { get; set; }

    public override bool CanAttachTo(ILinkable other) => other is InputPort or ActivityNode;
}

/// <summary>A connection from an outcome to an activity.</summary>
public sealed class ConnectionLink : LinkModel
{
    /// <param name="source">The outcome it leaves from.</param>
    /// <param name="target">Where it arrives.</param>
    /// <param name="label">The outcome as the user reads it; the outcome itself when null.</param>
    public ConnectionLink(OutcomePort source, Anchor target, string? label = null) : base(new SinglePortAnchor(source), target)
    {
        TargetMarker = LinkMarker.Arrow;
        if (source.Outcome != Engine.Definitions.ConnectionDefinition.DefaultOutcome)
        {
            Labels.Add(new LinkLabelModel(this, label ?? source.Outcome));
        }
    }

    /// <summary>Whether the JSON leaves the outcome out (it is then the default outcome).</summary>
    public bool OmitOutcome { get; init; }

    public OutcomePort OutcomeSource => (OutcomePort)Source.Model!;

    /// <summary>The activity it leads to, once the link is attached.</summary>
    public ActivityNode? TargetActivity => Target.Model switch
    {
        InputPort port => port.Activity,
        ActivityNode node => node,
        _ => null,
    };
}
