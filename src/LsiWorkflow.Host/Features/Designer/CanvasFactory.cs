using Blazor.Diagrams;
using Blazor.Diagrams.Options;
using LsiWorkflow.Engine.Activities;
namespace LsiWorkflow.Host.Features.Designer;

/// <summary>The one place that sets up a diagram for our definitions: options, node widget, read-only or not.</summary>
public static class CanvasFactory
{
    /// <param name="descriptors">The activity types.</param>
    /// <param name="readOnly">For the monitor: nothing can be changed.</param>
    /// <param name="outcomeLabel">An outcome as the user reads it; the outcome itself when null.</param>
    public static DefinitionCanvas Create(IEnumerable<ActivityDescriptor> descriptors, bool readOnly, Func<string, string>? outcomeLabel = null)
    {
        var options = new BlazorDiagramOptions
        {
            AllowMultiSelection = !readOnly,
            GridSize = readOnly ? null : 20,
        };
        options.Zoom.Inverse = true; // wheel up zooms in, as people expect
        options.Zoom.Minimum = 0.2;
        options.Links.DefaultColor = "#5b6b7b";
        options.Links.DefaultSelectedColor = "#154273";
        var diagram = new BlazorDiagram(options);
        diagram.RegisterComponent<ActivityNode, ActivityNodeWidget>();
        var canvas = new DefinitionCanvas(descriptors, diagram);
        if (outcomeLabel is not null)
        {
            canvas.OutcomeLabel = outcomeLabel;
        }
        return canvas;
    }

    /// <summary>Locks every activity and port so the monitor shows the diagram without letting anyone edit it.</summary>
    public static void Lock(DefinitionCanvas canvas)
    {
        foreach (var node in canvas.Activities)
        {
            node.Locked = true;
            foreach (var port in node.Ports)
            {
                port.Locked = true;
            }
        }
        foreach (var link in canvas.Connections)
        {
            link.Locked = true;
        }
    }
}
