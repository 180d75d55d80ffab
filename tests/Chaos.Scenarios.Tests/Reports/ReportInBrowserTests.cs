using System.Buffers.Binary;
using System.Diagnostics;
using Chaos.Engine.Reports;
using Shouldly;
using Xunit;

namespace Chaos.Scenarios.Tests.Reports;

/// <summary>
/// Opens a real run's report.html (the naive storefront against payment-gateway-down, kept in Reports/TestData) in
/// headless Chromium: the page must load from the file alone and its charts must render.
/// </summary>
[Collection(nameof(MachineSaturating))]
public sealed class ReportInBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const int WindowWidth = 1280;
    private const int WindowHeight = 2000;

    [Fact]
    public async Task ReportHtml_InHeadlessChromium_RendersEveryChartWithFaultWindows()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Fail($"Headless Chromium is needed at {Chromium} to check that report.html renders; install it with `apt-get install -y chromium` (Debian), and in CI add that line to .ci/run before the tests.");
        }

        var directory = Path.Combine(Path.GetTempPath(), "chaos-browser-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var report = ReportWriter.FromJson(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "tests", "Chaos.Scenarios.Tests", "Reports", "TestData", "naive.report.json"), TestContext.Current.CancellationToken));
        var page = Path.Combine(directory, "report.html");
        await File.WriteAllTextAsync(page, HtmlReportWriter.ToHtml(report), TestContext.Current.CancellationToken);
        var screenshot = Path.Combine(directory, "report.png");

        var shot = await RunChromiumAsync(directory, $"--screenshot={screenshot}", new Uri(page).AbsoluteUri);
        var dom = await RunChromiumAsync(directory, "--dump-dom", new Uri(page).AbsoluteUri);

        File.Exists(screenshot).ShouldBeTrue($"Chromium wrote no screenshot.\n{shot.Errors}");
        var png = await File.ReadAllBytesAsync(screenshot, TestContext.Current.CancellationToken);
        png.AsSpan(0, 8).ToArray().ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "not a PNG");
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)).ShouldBe(WindowWidth);
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)).ShouldBe(WindowHeight);

        // A blank 1280x2000 page compresses to a few KB; the charts, bands and tables make it far larger.
        png.Length.ShouldBeGreaterThan(100_000, $"the screenshot ({png.Length} bytes) looks blank: {screenshot}");

        // The DOM Chromium built (HTML parser, not XML) has the four charts with their fault windows and circuit bands.
        dom.ExitCode.ShouldBe(0, dom.Errors);
        CountOf(dom.Output, "<svg").ShouldBe(4, dom.Output[..Math.Min(2000, dom.Output.Length)]);
        CountOf(dom.Output, "class=\"fault-window\"").ShouldBe(4 * 3);
        dom.Output.ShouldContain("class=\"circuit-band\"");
        dom.Output.ShouldContain("id=\"expectations\"");
        dom.Output.ShouldContain("noDoubleCharges");
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunChromiumAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={Path.Combine(directory, "profile-" + Guid.NewGuid().ToString("N")[..8])}",
            $"--window-size={WindowWidth},{WindowHeight}",
        }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Chromium} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Chromium did not finish within 90 s: {string.Join(' ', start.ArgumentList)}");
        }

        return (process.ExitCode, await output, await errors);
    }
}
