using System.Globalization;
using System.Xml.Linq;
using Blazor.Diagrams.Core.Geometry;

namespace LsiWorkflow.Host.Features.Designer;

/// <summary>
/// Draws the canvas as a stand-alone SVG file, from the model rather than from the page: activities have a fixed
/// geometry (<see cref="ActivityNode.Layout"/>), so the drawing matches what the designer shows, and needs no browser.
/// </summary>
public static class DiagramSvg
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const double Margin = 30;

    public static string Render(DefinitionCanvas canvas)
    {
        var nodes = canvas.Activities.ToList();
        var left = nodes.Count == 0 ? 0 : nodes.Min(n => n.Position.X) - Margin;
        var top = nodes.Count == 0 ? 0 : nodes.Min(n => n.Position.Y) - Margin;
        var right = nodes.Count == 0 ? 100 : nodes.Max(n => n.Position.X + n.Size!.Width) + Margin;
        var bottom = nodes.Count == 0 ? 100 : nodes.Max(n => n.Position.Y + n.Size!.Height) + Margin;
        var root = new XElement(Svg + "svg",
            new XAttribute("width", N(right - left)),
            new XAttribute("height", N(bottom - top)),
            new XAttribute("viewBox", $"{N(left)} {N(top)} {N(right - left)} {N(bottom - top)}"),
            new XAttribute("font-family", "sans-serif"),
            new XElement(Svg + "title", canvas.Header.Name),
            new XElement(Svg + "defs",
                new XElement(Svg + "marker",
                    new XAttribute("id", "arrow"), new XAttribute("viewBox", "0 0 10 10"), new XAttribute("refX", "10"), new XAttribute("refY", "5"),
                    new XAttribute("markerWidth", "8"), new XAttribute("markerHeight", "8"), new XAttribute("orient", "auto-start-reverse"),
                    new XElement(Svg + "path", new XAttribute("d", "M 0 0 L 10 5 L 0 10 z"), new XAttribute("fill", "#5b6b7b")))),
            new XElement(Svg + "rect", new XAttribute("x", N(left)), new XAttribute("y", N(top)), new XAttribute("width", N(right - left)),
                new XAttribute("height", N(bottom - top)), new XAttribute("fill", "#ffffff")));
        foreach (var link in canvas.Connections.Where(l => l.TargetActivity is not null))
        {
            root.Add(Connection(link));
        }
        foreach (var node in nodes)
        {
            root.Add(Activity(node));
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root).ToString();
    }

    private static XElement Connection(ConnectionLink link)
    {
        var from = Middle(link.OutcomeSource);
        var to = Middle(link.TargetActivity!.Input);
        var bend = Math.Max(40, Math.Abs(to.X - from.X) / 2);
        return new XElement(Svg + "g", new XAttribute("class", "connection"),
            new XElement(Svg + "path",
                new XAttribute("d", $"M {N(from.X)} {N(from.Y)} C {N(from.X + bend)} {N(from.Y)}, {N(to.X - bend)} {N(to.Y)}, {N(to.X)} {N(to.Y)}"),
                new XAttribute("fill", "none"), new XAttribute("stroke", "#5b6b7b"), new XAttribute("stroke-width", "2"), new XAttribute("marker-end", "url(#arrow)")));
    }

    private static XElement Activity(ActivityNode node)
    {
        var (x, y, size) = (node.Position.X, node.Position.Y, node.Size!);
        var border = node.Descriptor?.IsStart == true ? "#2e7d32" : node.Problems.Count > 0 ? "#c62828" : "#8a99a8";
        var group = new XElement(Svg + "g", new XAttribute("class", "activity"), new XAttribute("data-activity-id", node.ActivityId),
            new XElement(Svg + "rect", new XAttribute("x", N(x)), new XAttribute("y", N(y)), new XAttribute("width", N(size.Width)), new XAttribute("height", N(size.Height)),
                new XAttribute("rx", "6"), new XAttribute("fill", "#ffffff"), new XAttribute("stroke", border), new XAttribute("stroke-width", "2")),
            Text(x + 12, y + 22, node.Label, 12, "600", "#1b1f23"),
            Text(x + 12, y + 38, $"{node.Descriptor?.DisplayName ?? node.Type} · {node.ActivityId}", 10, "normal", "#6a737d"),
            Circle(Middle(node.Input)));
        foreach (var port in node.OutcomePorts)
        {
            var middle = Middle(port);
            var label = Text(x + size.Width - 20, middle.Y + 4, port.Outcome, 11, "normal", "#37474f");
            label.Add(new XAttribute("text-anchor", "end"));
            group.Add(label);
            group.Add(Circle(middle));
        }
        return group;
    }

    private static Point Middle(Blazor.Diagrams.Core.Models.PortModel port) =>
        new(port.Position.X + port.Size.Width / 2, port.Position.Y + port.Size.Height / 2);

    private static XElement Circle(Point at) =>
        new(Svg + "circle", new XAttribute("cx", N(at.X)), new XAttribute("cy", N(at.Y)), new XAttribute("r", "5"),
            new XAttribute("fill", "#ffffff"), new XAttribute("stroke", "#5b6b7b"), new XAttribute("stroke-width", "2"));

    private static XElement Text(double x, double y, string text, int size, string weight, string color) =>
        new(Svg + "text", new XAttribute("x", N(x)), new XAttribute("y", N(y)), new XAttribute("font-size", size.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("font-weight", weight), new XAttribute("fill", color), text);

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
