using System.Globalization;
using System.Xml.Linq;
using Chaos.Engine.Reports;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Reports;

public sealed class SvgChartTests
{
    private static readonly XNamespace Svg = SvgChart.Svg;

    [Fact]
    public void ToSvg_FewSeries_OneLegendRowAboveThePlot()
    {
        var chart = Chart("payments.primary", "payments.secondary", "identity");

        var svg = chart.ToSvg();

        chart.PlotTop.ShouldBe(SvgChart.FirstPlotTop);
        LegendEntries(svg).Select(e => e.Y).Distinct().ShouldHaveSingleItem();
        PlotFrame(svg).Y.ShouldBe(SvgChart.FirstPlotTop);
    }

    [Fact]
    public void ToSvg_ADependencyPerSeries_LegendWrapsInsideTheDrawingAndThePlotMovesDown()
    {
        string[] labels =
        [
            "payments.primary", "payments.primary faulted", "payments.secondary", "payments.secondary faulted", "identity",
            "identity faulted", "tax", "tax faulted", "fc-win-1", "fc-win-2", "fc-win-3", "fc-win-4", "fc-linux-1", "fc-linux-2",
        ];
        var chart = Chart(labels);

        var svg = chart.ToSvg();

        var entries = LegendEntries(svg);
        entries.Select(e => e.Label).ShouldBe(labels);
        entries.ShouldAllBe(e => e.X + SvgChart.LegendEntryWidth(e.Label) - 12 <= SvgChart.PlotRight);
        var rows = entries.Select(e => e.Y).Distinct().Count();
        rows.ShouldBeGreaterThan(1);
        chart.PlotTop.ShouldBe(SvgChart.FirstPlotTop + ((rows - 1) * SvgChart.LegendRowHeight));
        var frame = PlotFrame(svg);
        frame.Y.ShouldBe(chart.PlotTop);
        frame.Y.ShouldBeGreaterThan(entries.Max(e => e.Y));
        var viewBoxHeight = double.Parse(svg.Attribute("viewBox")!.Value.Split(' ')[3], CultureInfo.InvariantCulture);
        viewBoxHeight.ShouldBe(frame.Y + SvgChart.PlotHeight + 30, 0.01);
    }

    private static SvgChart Chart(params string[] labels)
    {
        var chart = new SvgChart("deps", "Dependency calls", 60);
        foreach (var label in labels)
        {
            chart.AddLine(label, "#1f77b4", [(0, 1), (60, 2)]);
        }

        return chart;
    }

    private static List<(string Label, double X, double Y)> LegendEntries(XElement svg) =>
    [
        .. svg.Descendants(Svg + "g")
            .Where(g => (string?)g.Attribute("class") == "legend-entry")
            .Select(g => g.Element(Svg + "text")!)
            .Select(t => (t.Value, Number(t, "x"), Number(t, "y"))),
    ];

    private static (double X, double Y) PlotFrame(XElement svg)
    {
        var frame = svg.Elements(Svg + "rect").First();
        return (Number(frame, "x"), Number(frame, "y"));
    }

    private static double Number(XElement element, string attribute) =>
        double.Parse(element.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);
}
