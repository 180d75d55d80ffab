using System.Globalization;
using Chaos.Bench;

// The load engine against wrk, alternating rounds on one trivial Kestrel endpoint; see docs/benchmarks.md.
// The last line is always ratio_vs_wrk=<median closed-model engine req/s / median wrk req/s>.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 64;
}

if (options.EngineOnly)
{
    await EngineOverhead.RunAsync(options, CancellationToken.None);
    return 0;
}

if (!WrkRunner.IsAvailable())
{
    Console.WriteLine("wrk not found: apt-get install -y wrk");
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
var ct = cancellation.Token;

await using var endpoint = await TrivialEndpoint.StartAsync(ct);
using var journey = new SingleGetJourney(endpoint.Uri, options.Connections, options.Client);
Console.WriteLine($"endpoint {endpoint.Uri}  cores {Environment.ProcessorCount}  rounds {options.Rounds} x {options.Seconds} s  " +
    $"connections/in-flight {options.Connections}  saturation rate {options.SaturationRate:0}/s  client {options.Client}  gc {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}  " +
    $"inline socket completions {(Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is "1" or "true" ? "on" : "off")}");
Console.WriteLine($"load average at start: {LoadAverage()}");

var wrk = new List<double>();
var engine = new List<double>();
var open = new List<double>();
var engineRss = new List<long>();
if (options.FixedRateOnly)
{
    // Warm-up, not counted: JIT tier-up and connections, at the fixed run's own rate.
    await EngineRound.RunAsync(journey, options.MemoryRate, 5, options.MemoryMaxInFlight, ct);
}
else
{
    // Warm-up, not counted: JIT tier-up (tier 0, then OSR and tier 1 with PGO after ~30 calls and a back-off) and
    // connections for both sides. Round 1 used to be consistently slower than rounds 3-5 after a 3 s warm-up, so the engine
    // now warms up for 10 s over both models.
    await WrkRunner.RunAsync(endpoint.Uri, options.Connections, 3, ct);
    await EngineRound.RunClosedAsync(journey, options.Connections, 5, ct);
    await EngineRound.RunAsync(journey, options.SaturationRate, 3, options.Connections, ct);
    await EngineRound.RunClosedAsync(journey, options.Connections, 2, ct);

    Console.WriteLine();
    Console.WriteLine($"closed = the engine's closed model, {options.Connections} virtual users looping the journey (like wrk's {options.Connections} connections): the headline figure");
    Console.WriteLine($"open = the engine's open model at {options.SaturationRate:0} arrivals/s with MaxInFlight {options.Connections} (saturation; the excess is dropped)");
    Console.WriteLine("cpu us/req: server = this process during wrk (Kestrel only), wrk = the wrk process, closed/open = this process during the engine round (engine + Kestrel)");
    Console.WriteLine("alloc B/req: bytes allocated by this process per completed journey (engine + client + Kestrel)");
    Console.WriteLine("round | wrk req/s | wrk p99  | closed req/s | ratio | open req/s | ratio | closed ok/completed | p50 ms | p99 ms | peak RSS MB | cpu us/req server wrk closed open | alloc B/req closed open | loadavg");
    for (var round = 1; round <= options.Rounds; round++)
    {
        var w = await WrkRunner.RunAsync(endpoint.Uri, options.Connections, options.Seconds, ct);
        var c = await EngineRound.RunClosedAsync(journey, options.Connections, options.Seconds, ct);
        var o = await EngineRound.RunAsync(journey, options.SaturationRate, options.Seconds, options.Connections, ct);
        wrk.Add(w.RequestsPerSecond);
        engine.Add(c.CompletedPerSecond);
        open.Add(o.CompletedPerSecond);
        engineRss.Add(Math.Max(c.PeakBytes, o.PeakBytes));
        var closedLoop = options.ClosedLoop ? $" | plain task loop {await ClosedLoopRound.RunAsync(journey, options.Connections, options.Seconds, ct):0}/s" : string.Empty;
        Console.WriteLine($"{round,5} | {w.RequestsPerSecond,9:0} | {w.P99,-8} | {c.CompletedPerSecond,12:0} | {c.CompletedPerSecond / w.RequestsPerSecond,5:0.00} | {o.CompletedPerSecond,10:0} | {o.CompletedPerSecond / w.RequestsPerSecond,5:0.00} | " +
            $"{c.Succeeded,9}/{c.Completed,-9} | {c.P50Seconds * 1e3,6:0.00} | {c.P99Seconds * 1e3,6:0.00} | {Math.Max(c.PeakBytes, o.PeakBytes) / 1048576.0,11:0.0} | " +
            $"{w.ServerMicrosecondsPerRequest,6:0.0} {w.WrkMicrosecondsPerRequest,5:0.0} {c.CpuCores * 1e6 / c.CompletedPerSecond,6:0.0} {o.CpuCores * 1e6 / o.CompletedPerSecond,6:0.0} | " +
            $"{c.AllocatedBytesPerJourney,6:0} {o.AllocatedBytesPerJourney,6:0} | {LoadAverage()}{closedLoop}");
    }

    var wrkMedian = Median(wrk);
    var engineMedian = Median(engine);
    var openMedian = Median(open);
    Console.WriteLine($"median | {wrkMedian,9:0} |          | {engineMedian,12:0} | {engineMedian / wrkMedian,5:0.00} | {openMedian,10:0} | {openMedian / wrkMedian,5:0.00} | peak RSS during engine rounds {engineRss.Max() / 1048576.0:0.0} MB");
}

if (!options.SkipMemoryRun)
{
    Console.WriteLine();
    var m = await EngineRound.RunAsync(journey, options.MemoryRate, options.Seconds, options.MemoryMaxInFlight, ct);
    var target = options.MemoryRate;
    Console.WriteLine($"fixed-rate run: target {target:0}/s for {options.Seconds} s, max in flight {options.MemoryMaxInFlight}: " +
        $"started {m.AchievedRate:0}/s, completed {m.CompletedPerSecond:0}/s ({m.Succeeded} ok of {m.Completed}), dropped {m.Dropped}, " +
        $"p50 {m.P50Seconds * 1e3:0.00} ms, p99 {m.P99Seconds * 1e3:0.00} ms, of which the engine's own schedule lag p99 {m.LagP99Seconds * 1e3:0.00} ms (max {m.LagMaxSeconds * 1e3:0.00} ms), peak RSS {m.PeakBytes / 1048576.0:0.0} MB ({m.PeakSource}; target < 200 MB), " +
        $"cpu {m.CpuCores:0.00} cores, loadavg {LoadAverage()}");
}

if (!options.SkipPacingRun)
{
    // Formerly a test of the scenario suite (LoadEngineHttpTests): the engine keeps a planned rate on the wall clock.
    Console.WriteLine();
    foreach (var rate in new[] { 1_000.0, 5_000.0 })
    {
        var p = await PacingRound.RunAsync(journey, rate, 10, ct);
        Console.WriteLine($"pacing {rate:0}/s for 10 s: planned {p.Planned}, started {p.Started} ({100.0 * p.Started / p.Planned:0.00}%), dropped {p.Dropped}, " +
            $"achieved {p.AchievedRate:0.0}/s, started by 10.1 s on the wall clock {p.StartedOnTime} ({100.0 * p.StartedOnTime / p.Planned:0.00}%): " +
            $"{(p.WithinOnePercent ? "within 1%" : "NOT within 1%")}, loadavg {LoadAverage()}");
    }
}

if (options.FixedRateOnly)
{
    return 0;
}

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"open model at saturation: ratio_vs_wrk_open={Median(open) / Median(wrk):0.00}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio_vs_wrk={Median(engine) / Median(wrk):0.00}"));
return 0;

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    var mid = sorted.Length / 2;
    return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

static string LoadAverage()
{
    try
    {
        return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
    }
    catch (IOException)
    {
        return "n/a";
    }
}
