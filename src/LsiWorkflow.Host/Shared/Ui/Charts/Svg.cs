using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Components;

namespace LsiWorkflow.Host.Shared.Ui.Charts;

/// <summary>SVG pieces Razor cannot write itself: it reserves the &lt;text&gt; tag for its own use.</summary>
internal static class Svg
{
    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static MarkupString Text(double x, double y, string cssClass, string content, string anchor = "start") =>
        new($"<text x=\"{Number(x)}\" y=\"{Number(y)}\" class=\"{cssClass}\" text-anchor=\"{anchor}\">{WebUtility.HtmlEncode(content)}</text>");
}
