using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;

namespace Custodian.Server.Components.StaffConsole;

/// <summary>An SVG &lt;text&gt; element for server-rendered charts: Razor reads a bare &lt;text&gt; in a loop as its own tag.</summary>
internal static class SvgText
{
    public static MarkupString At(int x, int y, string cssClass, string value, string? anchor = null) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"<text x=\"{x}\" y=\"{y}\" class=\"{cssClass}\"{(anchor is null ? "" : $" text-anchor=\"{anchor}\"")}>{HtmlEncoder.Default.Encode(value)}</text>"));
}
