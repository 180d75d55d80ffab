using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Chaos.Bench;

/// <summary>Runs <c>wrk -t2 -cN -dSs --latency</c> against the endpoint and reads its Requests/sec.</summary>
internal static partial class WrkRunner
{
    /// <summary>Gets whether wrk can be started (it is on the PATH).</summary>
    public static bool IsAvailable()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("wrk", "--version")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }

            process.WaitForExit(5_000);
            return true;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }

    public static async Task<WrkResult> RunAsync(Uri uri, int connections, int seconds, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency", uri.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        var childCpuBefore = ChildCpu.Total();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start; install it with apt-get install -y wrk.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(seconds + 30));
        try
        {
            await process.WaitForExitAsync(bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"wrk ran past {seconds + 30} s and was stopped.");
        }

        var serverCpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var wrkCpu = ChildCpu.Total() - childCpuBefore;
        var text = await output.ConfigureAwait(false);
        var match = RequestsPerSecond().Match(text);
        if (process.ExitCode != 0 || !match.Success)
        {
            throw new InvalidOperationException($"wrk exited with {process.ExitCode} without a Requests/sec line:{Environment.NewLine}{text}{await error.ConfigureAwait(false)}");
        }

        var p99 = LatencyP99().Match(text);
        var requestsPerSecond = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var requests = requestsPerSecond * seconds;
        return new WrkResult(
            requestsPerSecond,
            p99.Success ? p99.Groups[1].Value : "?",
            serverCpu.TotalMicroseconds / requests,
            wrkCpu.TotalMicroseconds / requests);
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s+99%\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex LatencyP99();
}

/// <summary>What one wrk round measured.</summary>
/// <param name="RequestsPerSecond">wrk's Requests/sec.</param>
/// <param name="P99">wrk's 99th percentile latency, as it prints it.</param>
/// <param name="ServerMicrosecondsPerRequest">CPU time of this process (the Kestrel endpoint) per request.</param>
/// <param name="WrkMicrosecondsPerRequest">CPU time of wrk per request (0 where getrusage is unavailable).</param>
internal sealed record WrkResult(double RequestsPerSecond, string P99, double ServerMicrosecondsPerRequest, double WrkMicrosecondsPerRequest);
