using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Chaos.Engine.Telemetry;
using Chaos.Hosting;
using Chaos.Hosting.Telemetry;
using Shouldly;
using WireMock.Server;
using WireMock.Settings;
using Xunit;
using WireMockRequest = WireMock.RequestBuilders.Request;
using WireMockResponse = WireMock.ResponseBuilders.Response;

namespace Chaos.Scenarios.Tests.Telemetry;

/// <summary>
/// The bank-transfers example started from its built dll, unchanged, against a failing WireMock.Net bank on 127.0.0.1:
/// its standard resilience handler's own Polly telemetry reaches Chaos over EventPipe by pid.
/// </summary>
public sealed class EventPipeResilienceTelemetrySourceTests(ITestOutputHelper output)
{
    private static readonly string ExampleDirectory = Path.Combine(Repository.Root, "examples", "bank-transfers");
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(12);

    [Fact]
    public async Task Example_WhenItsBankFailsThenHeals_ReportsRetriesTheCircuitOpeningAndClosingOverEventPipe()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var bank = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"], MaxRequestLogCount = 100 });
        bank.Given(WireMockRequest.Create().WithPath("/v1/transfers").UsingPost()).RespondWith(WireMockResponse.Create().WithStatusCode(500));
        using var child = StartExample(bank.Url!);
        try
        {
            // Attached once the service is ready, as the runner does: a session asked for during start-up went unanswered here.
            using var api = new HttpClient { BaseAddress = await WaitUntilReadyAsync(child, cancel), Timeout = TimeSpan.FromSeconds(15) };
            await using var source = new EventPipeResilienceTelemetrySource(child.Id, TimeProvider.System);
            var started = await source.StartAsync(cancel);
            started.ShouldBe(ResilienceTelemetryStatus.Available, started.Reason);

            // The fault is on from the first payment: every attempt gets a 500; 3 attempts a payment, the breaker
            // (minimum throughput 10) opens during the fourth.
            var faultStart = TimeProvider.System.GetUtcNow();
            var opened = await PayUntilAsync(api, source, ResilienceEventNames.OnCircuitOpened, cancel);
            var timeToOpen = ResilienceTimeline.TimeToCircuitOpen(source.Events, "BankClient", faultStart);
            output.WriteLine($"OnCircuitOpened on {opened.Pipeline} after {timeToOpen?.TotalSeconds:0.000} s of fault");

            // The bank heals; after the break (5 s) a payment's trial call half-opens the circuit and closes it.
            bank.Reset();
            bank.Given(WireMockRequest.Create().WithPath("/v1/transfers").UsingPost())
                .RespondWith(WireMockResponse.Create().WithStatusCode(201).WithBodyAsJson(new { id = "tr-1" }));
            var faultEnd = TimeProvider.System.GetUtcNow();
            await PayUntilAsync(api, source, ResilienceEventNames.OnCircuitClosed, cancel, bound: Bound + TimeSpan.FromSeconds(5));
            var timeToRecover = ResilienceTimeline.TimeToRecover(source.Events, "BankClient", faultEnd);
            output.WriteLine($"OnCircuitClosed after {timeToRecover?.TotalSeconds:0.000} s from the fault's end");

            var events = source.Events;
            foreach (var e in events)
            {
                output.WriteLine($"{(e.At - faultStart).TotalSeconds,7:0.000} s  {e.Pipeline} {e.Strategy} {e.EventName} x{e.Count}");
            }

            source.Status.ShouldBe(ResilienceTelemetryStatus.Available, source.Status.Reason);
            opened.Pipeline.ShouldContain("standard");
            var retries = ResilienceTimeline.RetriesByPipeline(events, faultStart, faultEnd);
            retries.GetValueOrDefault(opened.Pipeline).ShouldBeGreaterThanOrEqualTo(6);   // two retries for each of the first payments
            timeToOpen.ShouldNotBeNull();
            timeToOpen.Value.ShouldBeLessThan(Bound);
            var transitions = ResilienceTimeline.CircuitTransitions(events, faultStart).Where(t => t.Dependency == opened.Pipeline).ToList();
            transitions.Select(t => t.State).ShouldBe(["open", "half-open", "closed"]);
            timeToRecover.ShouldNotBeNull();
            // Not before the 5 s break, at the 0.25 s resolution of the counts.
            (transitions[2].At - transitions[0].At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(4.75));
        }
        finally
        {
            Kill(child);
        }
    }

    [Fact]
    public async Task Example_BeforeItBuildsItsPipeline_ReadsAsNoPollyMeterThenAsAvailable()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var bank = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"], MaxRequestLogCount = 100 });
        bank.Given(WireMockRequest.Create().WithPath("/v1/transfers").UsingPost())
            .RespondWith(WireMockResponse.Create().WithStatusCode(201).WithBodyAsJson(new { id = "tr-1" }));
        using var child = StartExample(bank.Url!);
        try
        {
            using var api = new HttpClient { BaseAddress = await WaitUntilReadyAsync(child, cancel), Timeout = TimeSpan.FromSeconds(15) };
            await using var source = new EventPipeResilienceTelemetrySource(child.Id, TimeProvider.System);
            var started = await source.StartAsync(cancel);
            started.ShouldBe(ResilienceTelemetryStatus.Available, started.Reason);

            // /health uses no HttpClient: the standard pipeline (and Polly's instrument) is built at the first payment.
            source.Status.Reason.ShouldBe($"process {child.Id} has not published Polly's meter (Polly/resilience.polly.strategy.events): it builds no Polly v8 pipeline from DI (AddResiliencePipeline, AddStandardResilienceHandler), or has not used one yet");

            using var payment = await api.PostAsJsonAsync("/payments", new { amount = 1200 }, cancel);
            payment.StatusCode.ShouldBe(HttpStatusCode.Created);
            var deadline = Stopwatch.StartNew();
            while (!source.Status.IsAvailable)
            {
                deadline.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), $"still {source.Status.Reason}");
                await Task.Delay(50, cancel);
            }

            source.Events.ShouldNotContain(e => e.EventName == ResilienceEventNames.OnRetry);
        }
        finally
        {
            Kill(child);
        }
    }

    [Fact]
    public async Task Source_ForAProcessWhosePidLeftAStaleDiagnosticsSocket_IsStillNotDotNet()
    {
        // A .NET process killed with SIGKILL leaves its socket behind; pids are reused, and a new process that is not .NET
        // can get the pid. The socket's name carries its process's start time, which is not the new process's.
        using var sleep = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        var stale = Path.Combine(Path.GetTempPath(), $"dotnet-diagnostic-{sleep.Id}-1-socket");
        await File.WriteAllTextAsync(stale, "", TestContext.Current.CancellationToken);
        try
        {
            await using var source = new EventPipeResilienceTelemetrySource(sleep.Id, TimeProvider.System, TimeSpan.FromMilliseconds(500));

            var status = await source.StartAsync(TestContext.Current.CancellationToken);

            status.Reason.ShouldBe($"process {sleep.Id} opened no .NET diagnostics port within 0.5 s: it is not a .NET process, or it runs with DOTNET_EnableDiagnostics=0; its resilience is not measured");
            EventPipeResilienceTelemetrySource.HasOwnDiagnosticsPort(Environment.ProcessId).ShouldBeTrue("this test host is a .NET process with its port open");
        }
        finally
        {
            File.Delete(stale);
            Kill(sleep);
        }
    }

    [Fact]
    public async Task Source_ForAProcessThatIsNotDotNet_IsUnavailableWithTheReason()
    {
        using var sleep = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            await using var source = new EventPipeResilienceTelemetrySource(sleep.Id, TimeProvider.System, TimeSpan.FromMilliseconds(500));

            var status = await source.StartAsync(TestContext.Current.CancellationToken);

            status.IsAvailable.ShouldBeFalse();
            status.Reason.ShouldBe($"process {sleep.Id} opened no .NET diagnostics port within 0.5 s: it is not a .NET process, or it runs with DOTNET_EnableDiagnostics=0; its resilience is not measured");
            source.Status.ShouldBe(status);
            source.Events.ShouldBeEmpty();
        }
        finally
        {
            Kill(sleep);
        }
    }

    [Fact]
    public async Task Source_ForAProcessThatIsGone_IsUnavailableWithTheReason()
    {
        using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await gone.WaitForExitAsync(TestContext.Current.CancellationToken);
        await using var source = new EventPipeResilienceTelemetrySource(gone.Id, TimeProvider.System);

        var status = await source.StartAsync(TestContext.Current.CancellationToken);

        status.Reason.ShouldBe($"process {gone.Id} is not running, so it has no diagnostics port to read Polly's telemetry from");
    }

    // Payments one after another until the event arrives (over EventPipe, within a refresh interval or so), or the bound.
    private static async Task<ResilienceEvent> PayUntilAsync(
        HttpClient api, IResilienceTelemetrySource source, string eventName, CancellationToken cancel, TimeSpan? bound = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var seen = source.Events.FirstOrDefault(e => e.EventName == eventName);
            if (seen is not null)
            {
                return seen;
            }

            deadline.Elapsed.ShouldBeLessThan(bound ?? Bound, $"no {eventName} within {(bound ?? Bound).TotalSeconds} s; seen: {string.Join(", ", source.Events.Select(e => e.EventName).Distinct())}; status: {source.Status.Reason}");
            using var response = await api.PostAsJsonAsync("/payments", new { amount = 1200 }, cancel);
            await Task.Delay(100, cancel);
        }
    }

    private Process StartExample(string bankUrl)
    {
        var dll = Path.Combine(ExampleDirectory, "bin", Configuration(), "net10.0", "BankTransfers.dll");
        File.Exists(dll).ShouldBeTrue($"{dll} is missing; build the solution (dotnet build Chaos.sln) first.");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = ExampleDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[dll, "--urls", $"http://127.0.0.1:{LoopbackPort.Free()}"])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Bank__BaseAddress"] = bankUrl + "/";
        start.Environment["Bank__AttemptTimeout"] = "00:00:01";
        start.Environment["Bank__TotalTimeout"] = "00:00:05";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;

        void Log(string? line)
        {
            try
            {
                if (line is not null)
                {
                    output.WriteLine("[example] " + line);
                }
            }
            catch (InvalidOperationException)
            {
                // The test has ended; its output is closed.
            }
        }
    }

    private static async Task<Uri> WaitUntilReadyAsync(Process child, CancellationToken cancel)
    {
        var url = new Uri(child.StartInfo.ArgumentList[2]);
        using var probe = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            child.HasExited.ShouldBeFalse("the example exited before it was ready.");
            try
            {
                using var health = await probe.GetAsync("/health", cancel);
                if (health.IsSuccessStatusCode)
                {
                    return url;
                }
            }
            catch (HttpRequestException)
            {
            }

            deadline.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), "the example was not ready within 20 s.");
            await Task.Delay(100, cancel);
        }
    }

    private static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    // The configuration the tests were built in (bin/Debug/net10.0 or bin/Release/net10.0); the example is built with them.
    private static string Configuration() => new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
}
