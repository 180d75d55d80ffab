using System.Globalization;
using System.Xml.Linq;
using Chaos.Engine.Telemetry;

namespace Chaos.Engine.Reports;

/// <summary>
/// A small time chart drawn as inline SVG: seconds of the run on x, lines on y (linear or logarithmic),
/// shaded windows over the plot (fault windows) and state bands under it (circuit states), with a legend.
/// No script and no external asset, so a report stays one file that prints.
/// </summary>
internal sealed class SvgChart
{
    /// <summary>The SVG namespace.</summary>
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>The width of the drawing, in SVG units.</summary>
    public const double Width = 960;

    /// <summary>The left edge of the plot area.</summary>
    public const double PlotLeft = 150;

    /// <summary>The right edge of the plot area.</summary>
    public const double PlotRight = 940;

    /// <summary>The top edge of the plot area under a legend of one row; each further legend row moves it down.</summary>
    public const double FirstPlotTop = 34;

    /// <summary>The height of one legend row.</summary>
    public const double LegendRowHeight = 16;

    /// <summary>The height of the plot area.</summary>
    public const double PlotHeight = 220;

    /// <summary>The height of one band row under the plot.</summary>
    public const double BandHeight = 16;

    private const double AxisGap = 26;

    private readonly List<Line> _lines = [];
    private readonly List<Window> _windows = [];
    private readonly List<BandRow> _bands = [];
    private double _legendX = PlotLeft;
    private int _legendRow;

    /// <summary>Initializes a new chart.</summary>
    /// <param name="id">The SVG element's id.</param>
    /// <param name="title">The accessible title.</param>
    /// <param name="xMaxSeconds">The end of the x axis, in seconds (at least 1).</param>
    public SvgChart(string id, string title, double xMaxSeconds)
    {
        Id = id;
        Title = title;
        XMax = Math.Max(1, xMaxSeconds);
    }

    /// <summary>Gets the SVG element's id.</summary>
    public string Id { get; }

    /// <summary>Gets the accessible title.</summary>
    public string Title { get; }

    /// <summary>Gets the end of the x axis, in seconds.</summary>
    public double XMax { get; }

    /// <summary>Gets or sets a fixed top of the y axis (for rates, 1); null scales to the data.</summary>
    public double? YMax { get; set; }

    /// <summary>Gets or sets whether y is logarithmic (for latency).</summary>
    public bool LogScale { get; set; }

    /// <summary>Gets or sets how a y value is labelled.</summary>
    public Func<double, string> FormatY { get; set; } = v => v.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Gets the top edge of the plot area: under the legend, which wraps onto as many rows as its entries need.</summary>
    public double PlotTop => FirstPlotTop + (_legendRow * LegendRowHeight);

    /// <summary>Gets the plot's width.</summary>
    public static double PlotWidth => PlotRight - PlotLeft;

    /// <summary>The x coordinate of an offset in seconds.</summary>
    public double X(double seconds) => PlotLeft + (Math.Clamp(seconds, 0, XMax) / XMax * PlotWidth);

    /// <summary>Adds a line; NaN values leave a gap.</summary>
    public void AddLine(string label, string color, IReadOnlyList<(double X, double Y)> points, bool dashed = false, double strokeWidth = 2)
    {
        // The legend runs left to right from the plot's left edge and wraps before an entry would pass its right edge.
        var width = LegendEntryWidth(label);
        if (_legendX > PlotLeft && _legendX + width > PlotRight)
        {
            _legendX = PlotLeft;
            _legendRow++;
        }

        _lines.Add(new Line(label, color, points, dashed, strokeWidth, _legendX, _legendRow));
        _legendX += width;
    }

    /// <summary>Shades a window of the plot, such as a fault.</summary>
    public void AddWindow(string label, double fromSeconds, double toSeconds) => _windows.Add(new Window(label, fromSeconds, toSeconds));

    /// <summary>Adds a row of state bands under the plot, such as a dependency's circuit states.</summary>
    public void AddBandRow(string label, IReadOnlyList<(double From, double To, string State)> segments) => _bands.Add(new BandRow(label, segments));

    /// <summary>Draws the chart.</summary>
    public XElement ToSvg()
    {
        var bandsTop = PlotTop + PlotHeight + AxisGap;
        var height = bandsTop + (_bands.Count * (BandHeight + 4)) + (_bands.Count > 0 ? 22 : 4);
        var (yMin, yMax) = YRange();
        var svg = new XElement(
            Svg + "svg",
            new XAttribute("xmlns", Svg.NamespaceName),
            new XAttribute("id", Id),
            new XAttribute("class", "chart"),
            new XAttribute("viewBox", $"0 0 {N(Width)} {N(height)}"),
            new XAttribute("role", "img"),
            new XAttribute("font-family", "system-ui, sans-serif"),
            new XAttribute("font-size", "11"),
            new XElement(Svg + "title", Title),
            new XElement(Svg + "rect", Attr("x", PlotLeft), Attr("y", PlotTop), Attr("width", PlotWidth), Attr("height", PlotHeight), new XAttribute("fill", "#ffffff"), new XAttribute("stroke", "#999999")));

        foreach (var window in _windows)
        {
            var x1 = X(window.From);
            var x2 = X(window.To);
            svg.Add(new XElement(
                Svg + "rect",
                new XAttribute("class", "fault-window"),
                new XAttribute("data-fault", window.Label),
                Attr("x", x1),
                Attr("y", PlotTop),
                Attr("width", Math.Max(0, x2 - x1)),
                Attr("height", PlotHeight),
                new XAttribute("fill", "#d62728"),
                new XAttribute("fill-opacity", "0.12"),
                new XElement(Svg + "title", $"{window.Label}: {N(window.From)}s to {N(window.To)}s")));
            svg.Add(new XElement(Svg + "line", Attr("x1", x1), Attr("x2", x1), Attr("y1", PlotTop), Attr("y2", PlotTop + PlotHeight), new XAttribute("stroke", "#d62728"), new XAttribute("stroke-opacity", "0.5")));
            svg.Add(Text(x1 + 3, PlotTop + 12 + (12 * (_windows.IndexOf(window) % 2)), window.Label, "#a01010", "start"));
        }

        AddYAxis(svg, yMin, yMax);
        AddXAxis(svg);
        foreach (var line in _lines)
        {
            var d = PathData(line.Points, yMin, yMax);
            if (d.Length == 0)
            {
                continue;
            }

            var path = new XElement(
                Svg + "path",
                new XAttribute("class", "series"),
                new XAttribute("data-series", line.Label),
                new XAttribute("d", d),
                new XAttribute("fill", "none"),
                new XAttribute("stroke", line.Color),
                Attr("stroke-width", line.StrokeWidth),
                new XAttribute("stroke-linejoin", "round"));
            if (line.Dashed)
            {
                path.Add(new XAttribute("stroke-dasharray", "5 3"));
            }

            svg.Add(path);
        }

        AddLegend(svg);
        AddBands(svg, bandsTop);
        return svg;
    }

    /// <summary>The fill of a circuit state's band.</summary>
    public static string StateColor(string state) => state.ToUpperInvariant().Replace("-", "", StringComparison.Ordinal) switch
    {
        "CLOSED" => "#8fd18f",
        "OPEN" => "#e45756",
        "HALFOPEN" => "#f2b447",
        "ISOLATED" => "#7f3c8d",
        _ => "#bbbbbb",
    };

    private (double Min, double Max) YRange()
    {
        var values = _lines.SelectMany(l => l.Points).Select(p => p.Y).Where(double.IsFinite).ToArray();
        if (LogScale)
        {
            var positive = values.Where(v => v > 0).ToArray();
            var low = positive.Length == 0 ? 1 : Math.Pow(10, Math.Floor(Math.Log10(positive.Min())));
            var high = positive.Length == 0 ? 10 : Math.Pow(10, Math.Ceiling(Math.Log10(positive.Max())));
            return (low, Math.Max(high, low * 10));
        }

        var max = YMax ?? NiceCeiling(values.Length == 0 ? 1 : values.Max());
        return (0, max <= 0 ? 1 : max);
    }

    private double Y(double value, double yMin, double yMax)
    {
        double fraction;
        if (LogScale)
        {
            var v = Math.Max(value, yMin);
            fraction = (Math.Log10(v) - Math.Log10(yMin)) / (Math.Log10(yMax) - Math.Log10(yMin));
        }
        else
        {
            fraction = (value - yMin) / (yMax - yMin);
        }

        return PlotTop + PlotHeight - (Math.Clamp(fraction, 0, 1) * PlotHeight);
    }

    private string PathData(IReadOnlyList<(double X, double Y)> points, double yMin, double yMax)
    {
        var d = new System.Text.StringBuilder();
        var pen = false;
        foreach (var (x, y) in points)
        {
            if (!double.IsFinite(y) || !double.IsFinite(x) || x < 0 || x > XMax)
            {
                pen = false;
                continue;
            }

            d.Append(pen ? " L" : (d.Length == 0 ? "M" : " M"));
            d.Append(N(X(x))).Append(' ').Append(N(Y(y, yMin, yMax)));
            pen = true;
        }

        return d.ToString();
    }

    private void AddYAxis(XElement svg, double yMin, double yMax)
    {
        IEnumerable<double> ticks;
        if (LogScale)
        {
            var decades = (int)Math.Round(Math.Log10(yMax / yMin));
            ticks = Enumerable.Range(0, decades + 1).Select(i => yMin * Math.Pow(10, i));
        }
        else
        {
            ticks = Enumerable.Range(0, 5).Select(i => yMin + ((yMax - yMin) * i / 4));
        }

        foreach (var tick in ticks)
        {
            var y = Y(tick, yMin, yMax);
            svg.Add(new XElement(Svg + "line", Attr("x1", PlotLeft), Attr("x2", PlotRight), Attr("y1", y), Attr("y2", y), new XAttribute("stroke", "#e3e3e3")));
            svg.Add(Text(PlotLeft - 6, y + 4, FormatY(tick), "#444444", "end"));
        }
    }

    private void AddXAxis(XElement svg)
    {
        var step = new[] { 1, 2, 5, 10, 15, 30, 60, 120, 300, 600 }.FirstOrDefault(s => XMax / s <= 12, 1200);
        for (double t = 0; t <= XMax + 1e-9; t += step)
        {
            var x = X(t);
            svg.Add(new XElement(Svg + "line", Attr("x1", x), Attr("x2", x), Attr("y1", PlotTop + PlotHeight), Attr("y2", PlotTop + PlotHeight + 4), new XAttribute("stroke", "#999999")));
            svg.Add(Text(x, PlotTop + PlotHeight + 16, N(t) + "s", "#444444", "middle"));
        }
    }

    private void AddLegend(XElement svg)
    {
        foreach (var line in _lines)
        {
            var x = line.LegendX;
            var y = 14 + (line.LegendRow * LegendRowHeight);
            var swatch = new XElement(Svg + "line", Attr("x1", x), Attr("x2", x + 18), Attr("y1", y), Attr("y2", y), new XAttribute("stroke", line.Color), new XAttribute("stroke-width", "3"));
            if (line.Dashed)
            {
                swatch.Add(new XAttribute("stroke-dasharray", "5 3"));
            }

            svg.Add(swatch);
            svg.Add(new XElement(Svg + "g", new XAttribute("class", "legend-entry"), Text(x + 22, y + 4, line.Label, "#222222", "start")));
        }
    }

    /// <summary>The width of a legend entry: the swatch, its gap, the label at about 6.2 units a character (11 px text), and the space before the next.</summary>
    internal static double LegendEntryWidth(string label) => 34 + (label.Length * 6.2);

    private void AddBands(XElement svg, double top)
    {
        var y = top;
        foreach (var row in _bands)
        {
            svg.Add(Text(PlotLeft - 6, y + BandHeight - 4, row.Label, "#222222", "end"));
            svg.Add(new XElement(Svg + "rect", Attr("x", PlotLeft), Attr("y", y), Attr("width", PlotWidth), Attr("height", BandHeight), new XAttribute("fill", "#f4f4f4")));
            foreach (var (from, to, state) in row.Segments)
            {
                var x1 = X(from);
                var x2 = X(to);
                svg.Add(new XElement(
                    Svg + "rect",
                    new XAttribute("class", "circuit-band"),
                    new XAttribute("data-dependency", row.Label),
                    new XAttribute("data-state", state),
                    Attr("x", x1),
                    Attr("y", y),
                    Attr("width", Math.Max(0, x2 - x1)),
                    Attr("height", BandHeight),
                    new XAttribute("fill", StateColor(state)),
                    new XElement(Svg + "title", $"{row.Label}: {state} from {N(from)}s to {N(to)}s")));
                if (x2 - x1 > 40)
                {
                    svg.Add(Text(x1 + 3, y + BandHeight - 4, state, "#222222", "start"));
                }
            }

            y += BandHeight + 4;
        }

        if (_bands.Count > 0)
        {
            var x = PlotLeft;
            foreach (var state in new[] { CircuitStates.Closed, CircuitStates.Open, CircuitStates.HalfOpen })
            {
                svg.Add(new XElement(Svg + "rect", Attr("x", x), Attr("y", y + 4), Attr("width", 12), Attr("height", 10), new XAttribute("fill", StateColor(state))));
                svg.Add(Text(x + 16, y + 13, "circuit " + state, "#222222", "start"));
                x += 110;
            }
        }
    }

    private static XElement Text(double x, double y, string text, string color, string anchor) =>
        new(Svg + "text", Attr("x", x), Attr("y", y), new XAttribute("fill", color), new XAttribute("text-anchor", anchor), text);

    private static XAttribute Attr(string name, double value) => new(name, N(value));

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static double NiceCeiling(double value)
    {
        if (value <= 0 || !double.IsFinite(value))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(v => v >= value);
    }

    private sealed record Line(string Label, string Color, IReadOnlyList<(double X, double Y)> Points, bool Dashed, double StrokeWidth, double LegendX, int LegendRow);

    private sealed record Window(string Label, double From, double To);

    private sealed record BandRow(string Label, IReadOnlyList<(double From, double To, string State)> Segments);
}
