using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chaos.Cli.Commands;
using Shouldly;
using Xunit;

namespace Chaos.Scenarios.Tests.Examples;

/// <summary>
/// A system file's service that does not start (bad command, exits at once, never ready, port taken) is a harness error
/// (exit 3) within a bounded time, with its last lines, and leaves no process behind; Ctrl-C during a run stops the
/// service and writes a report whose verdict is error; a crash fault kills the service and starts it again. Each service gets a marker argument, so that the test can look
/// for a process left running by its command line.
/// </summary>
[RunsAScenarioTimeline]
public sealed partial class SystemServiceStartTests : IDisposable
{
    private static readonly string Example = Path.Combine(Repository.Root, "examples", "bank-transfers");
    private readonly string _folder = Directory.CreateTempSubdirectory("chaos-system-start-").FullName;
    private readonly string _marker = "chaos-test-" + Guid.NewGuid().ToString("N");

    // sleep takes only numbers: its marker is a duration no other process has.
    private readonly string _sleepMarker = "1000." + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Run_ServiceExitsBeforeItIsReady_ExitsThreeWithItsLastLines()
    {
        var scenario = await WriteSystemAsync("args: [no-such-service.dll]");

        var run = await ScenarioRun.ExecuteSystemAsync(scenario);

        run.ExitCode.ShouldBe(3, run.ToString());
        run.Errors.ShouldContain("bank-transfers exited before it was ready; its last lines", Case.Sensitive, run.ToString());
        run.Errors.ShouldContain("no-such-service.dll", Case.Sensitive, run.ToString());
    }

    [Fact]
    public async Task Run_ServiceCommandDoesNotExist_ExitsThreeNamingTheCommand()
    {
        var scenario = await WriteSystemAsync("args: [bin/Debug/net10.0/BankTransfers.dll]", commandLine: "command: /no/such/program");

        var run = await ScenarioRun.ExecuteSystemAsync(scenario);

        run.ExitCode.ShouldBe(3, run.ToString());
        run.Errors.ShouldContain("harness error: could not start or reach bank-transfers", Case.Sensitive, run.ToString());
        run.Errors.ShouldContain("/no/such/program", Case.Sensitive, run.ToString());
        run.Errors.ShouldNotContain("   at ", Case.Sensitive, run.ToString());
    }

    [Fact]
    public async Task Run_ServiceNeverReady_ExitsThreeAfterTheStartTimeoutAndLeavesNothingRunning()
    {
        // sleep never answers HTTP; {port} in env keeps Chaos from appending --urls, which sleep would refuse.
        var scenario = await WriteSystemAsync(
            $"args: [\"{_sleepMarker}\"]\n  env: {{ PORT: \"{{port}}\" }}",
            commandLine: "command: sleep",
            startTimeout: "2s");
        var started = Stopwatch.GetTimestamp();

        var run = await ScenarioRun.ExecuteSystemAsync(scenario);

        run.ExitCode.ShouldBe(3, run.ToString());
        run.Errors.ShouldContain("bank-transfers was not ready within 2s", Case.Sensitive, run.ToString());
        run.Errors.ShouldContain("raise startTimeout", Case.Sensitive, run.ToString());
        Stopwatch.GetElapsedTime(started).ShouldBeLessThan(TimeSpan.FromSeconds(20), "bounded by startTimeout plus the stop");
        ProcessesWith(_sleepMarker).ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_ServicesPortIsTaken_ExitsThreeWithTheServicesOwnError()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var scenario = await WriteSystemAsync(
            $"args: [bin/Debug/net10.0/BankTransfers.dll, --urls, \"http://127.0.0.1:{port}\", --Chaos:Marker={_marker}]\n  env: {{ ASPNETCORE_ENVIRONMENT: Production, UNUSED_PORT: \"{{port}}\" }}");

        var run = await ScenarioRun.ExecuteSystemAsync(scenario);

        run.ExitCode.ShouldBe(3, run.ToString());
        run.Errors.ShouldContain("exited before it was ready; its last lines", Case.Sensitive, run.ToString());
        run.Errors.ShouldContain("address already in use", Case.Insensitive, run.ToString());
        ProcessesWith(_marker).ShouldBeEmpty();
    }

    [Fact]
    public async Task CtrlC_DuringTheLoad_StopsTheServiceAndWritesAnErrorReport()
    {
        var scenario = await WriteSystemAsync($"args: [bin/Debug/net10.0/BankTransfers.dll, --Chaos:Marker={_marker}]");
        var outDirectory = Path.Combine(_folder, "out");
        // Through env --default-signal=INT, as from a terminal: a test host started as a background job without job
        // control (`cmd &` in a script) ignores SIGINT, and chaos would inherit that and never see the Ctrl-C.
        var start = new ProcessStartInfo("env")
        {
            ArgumentList = { "--default-signal=INT", "dotnet", typeof(RunCommand).Assembly.Location, "run", scenario, "--out", outDirectory },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var chaos = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        try
        {
            var errors = chaos.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            var output = new List<string>();

            // The first progress line ("[   0s] steady ...") is printed once the load has started.
            while (await chaos.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
            {
                output.Add(line);
                if (ProgressLine().IsMatch(line))
                {
                    break;
                }
            }

            ProcessesWith(_marker).ShouldNotBeEmpty(string.Join(Environment.NewLine, output));
            using (var interrupt = Process.Start(new ProcessStartInfo("kill", ["-INT", chaos.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
            {
                await interrupt.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            output.Add(await chaos.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken));
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            bounded.CancelAfter(TimeSpan.FromSeconds(60));
            await chaos.WaitForExitAsync(bounded.Token);
            var said = string.Join(Environment.NewLine, output) + Environment.NewLine + await errors;

            chaos.ExitCode.ShouldBe(3, said);
            ProcessesWith(_marker).ShouldBeEmpty(said);
            using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDirectory, "report.json"), TestContext.Current.CancellationToken));
            report.RootElement.GetProperty("verdict").GetString().ShouldBe("error", said);
            report.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ShouldContain(e => e!.Contains("cancelled", StringComparison.Ordinal), said);
        }
        finally
        {
            if (!chaos.HasExited)
            {
                chaos.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task CrashFault_KillsTheServiceAndStartsItAgain_AndNothingIsLeftRunning()
    {
        var scenario = await WriteSystemAsync($"args: [bin/Debug/net10.0/BankTransfers.dll, --Chaos:Marker={_marker}]");
        await File.WriteAllTextAsync(scenario, """
            name: api-crash
            system: ./system.yaml
            incident: "The API's own process is killed mid-load and started again 3 s later"
            description: |
              A crash of the service itself (SIGKILL): journeys fail with connection errors while it is dead, and
              succeed again once it is back on the same port.
            seed: 7
            load:
              requestTimeout: 5s
              journeys: { pay: 1 }
              phases:
                - name: steady
                  duration: 20s
                  inject: { rate: 10 }
            faults:
              - name: api-crash
                target: service
                start: 4s
                fault: { kind: crash, restartAfter: 3s }
            expectations:
              - phase: baseline
                journey: pay
                successRate: { atLeast: 0.99 }
              - phase: recovery            # from the restart (7 s) on; the new process's boot, 1-4 s under
                journey: pay                 # CPU load, falls in it: 130 journeys, at most 39 refused
                successRate: { atLeast: 0.7 }
            invariants:
              - atMostOnce: { dependency: bank, route: transfers }
            """, TestContext.Current.CancellationToken);

        var run = await ScenarioRun.ExecuteSystemAsync(scenario);

        run.ExitCode.ShouldBe(0, run.ToString());
        var crashed = run.Report!.RootElement.GetProperty("phases").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "api-crash");
        var outcomes = crashed.GetProperty("journeys").EnumerateArray().Single().GetProperty("outcomes");
        outcomes.TryGetProperty("ConnectionError", out var refused).ShouldBeTrue(run.ToString());
        refused.GetInt32().ShouldBeGreaterThan(0, run.ToString());
        var log = await File.ReadAllTextAsync(Path.Combine(run.OutDirectory, "service", "service.log"), TestContext.Current.CancellationToken);
        log.ShouldContain("chaos: killed bank-transfers");
        log.ShouldContain("chaos: starting bank-transfers again");
        ProcessesWith(_marker).ShouldBeEmpty();
    }

    [GeneratedRegex(@"\[\s*\d+s\]")]
    private static partial Regex ProgressLine();

    /// <summary>
    /// Copies the example's system file and rehearsal into the test's folder, with absolute paths, the service's
    /// <c>args:</c> line replaced by <paramref name="argsLine"/> and optionally its command and start timeout.
    /// </summary>
    private async Task<string> WriteSystemAsync(string argsLine, string? commandLine = null, string? startTimeout = null)
    {
        var system = await File.ReadAllTextAsync(Path.Combine(Example, "system.yaml"), TestContext.Current.CancellationToken);
        system = system
            .Replace("mappings: mappings/bank", $"mappings: \"{Path.Combine(Example, "mappings", "bank")}\"", StringComparison.Ordinal)
            .Replace("  args: [bin/Debug/net10.0/BankTransfers.dll]", $"  workingDirectory: \"{Example}\"\n  {argsLine}", StringComparison.Ordinal);
        if (argsLine.Contains("env:", StringComparison.Ordinal))
        {
            system = system.Replace("  env: { ASPNETCORE_ENVIRONMENT: Production }\n", "", StringComparison.Ordinal);
        }

        if (commandLine is not null)
        {
            system = system.Replace("command: dotnet", commandLine, StringComparison.Ordinal);
        }

        if (startTimeout is not null)
        {
            system = system.Replace("startTimeout: 30s", $"startTimeout: {startTimeout}", StringComparison.Ordinal);
        }

        await File.WriteAllTextAsync(Path.Combine(_folder, "system.yaml"), system, TestContext.Current.CancellationToken);
        var scenario = Path.Combine(_folder, "rehearsal.yaml");
        File.Copy(Path.Combine(Example, "rehearsal.yaml"), scenario, overwrite: true);
        return scenario;
    }

    /// <summary>The processes whose command line holds <paramref name="marker"/>.</summary>
    private static string[] ProcessesWith(string marker) =>
    [
        .. Directory.EnumerateDirectories("/proc")
            .Where(d => int.TryParse(Path.GetFileName(d), out _))
            .Select(d =>
            {
                try
                {
                    return File.ReadAllText(Path.Combine(d, "cmdline")).Replace('\0', ' ');
                }
                catch (IOException)
                {
                    return "";
                }
                catch (UnauthorizedAccessException)
                {
                    return "";
                }
            })
            .Where(c => c.Contains(marker, StringComparison.Ordinal)),
    ];
}
