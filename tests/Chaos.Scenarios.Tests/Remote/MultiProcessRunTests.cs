using System.Text.Json;
using Chaos.Cli.Commands;
using Shouldly;
using Spectre.Console.Testing;
using Xunit;

namespace Chaos.Scenarios.Tests.Remote;

/// <summary>
/// <c>chaos run --multi-process</c>: the simulators (<c>chaos simulate</c>) and the storefront as separate OS processes,
/// driven through the remote path, and stopped afterwards. The runs use the 15-second test-data scenario
/// <c>payment-brownout-short</c>: what is proved here is the remote path (faults and journals across processes, the
/// processes stopped), not the library scenario, which <see cref="PaymentGatewayDownTests"/> judges in process.
/// </summary>
[Collection(nameof(MultiProcessRuns))]
public sealed class MultiProcessRunTests
{
    [Fact]
    public async Task PaymentOutage_InSeparateProcesses_PassesAndLeavesNoProcessBehind()
    {
        var outDirectory = Path.Combine(Path.GetTempPath(), "chaos-scenario-tests", "multi-process-" + Guid.NewGuid().ToString("N")[..8]);
        var console = new TestConsole();
        console.Profile.Width = 200;
        using var errors = new StringWriter();

        var exitCode = await RunCommand.ExecuteAsync(
            new RunCommand.Settings(Repository.TestScenario("payment-brownout-short"), outDirectory, [], Quiet: true, MultiProcess: true),
            console,
            errors,
            TimeProvider.System,
            TestContext.Current.CancellationToken);

        var workDirectory = Path.Combine(outDirectory, "storefront");
        var context = $"exit {exitCode}, reports in {outDirectory}\n{console.Output}\n{errors}\n--- simulators.log\n{Tail(Path.Combine(workDirectory, "simulators.log"))}\n--- storefront.log\n{Tail(Path.Combine(workDirectory, "storefront.log"))}";
        exitCode.ShouldBe(0, context);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDirectory, "report.json"), TestContext.Current.CancellationToken));
        report.RootElement.GetProperty("verdict").GetString().ShouldBe("pass", context);
        var dependencies = report.RootElement.GetProperty("dependencies").EnumerateArray().ToDictionary(d => d.GetProperty("dependency").GetString()!);
        dependencies["payments.primary"].GetProperty("faultedCalls").GetInt32().ShouldBeGreaterThan(0, "the fault reached the other process");
        dependencies["payments.secondary"].GetProperty("charges").GetInt32().ShouldBeGreaterThan(0, "the journal came back from the other process");
        File.Exists(Path.Combine(workDirectory, "storefront.db")).ShouldBeTrue();
        ProcessesIn(workDirectory).ShouldBeEmpty("the run stops the processes it started");
    }

    [Fact]
    public async Task StorefrontRejectsItsConfiguration_InSeparateProcesses_ExitsTwoWithItsMessageAndLeavesNoProcessBehind()
    {
        var outDirectory = Path.Combine(Path.GetTempPath(), "chaos-scenario-tests", "multi-process-bad-config-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(outDirectory);
        var config = Path.Combine(outDirectory, "bad-timeouts.json");
        await File.WriteAllTextAsync(
            config,
            """{ "Payments": { "Primary": { "Resilience": { "AttemptTimeout": "00:00:10", "TotalTimeout": "00:00:02" } } } }""",
            TestContext.Current.CancellationToken);
        var console = new TestConsole();
        using var errors = new StringWriter();

        var exitCode = await RunCommand.ExecuteAsync(
            new RunCommand.Settings(Repository.TestScenario("payment-brownout-short"), outDirectory, [config], Quiet: true, MultiProcess: true),
            console,
            errors,
            TimeProvider.System,
            TestContext.Current.CancellationToken);

        exitCode.ShouldBe(2, errors.ToString());
        errors.ToString().ShouldContain("AttemptTimeout");
        ProcessesIn(Path.Combine(outDirectory, "storefront")).ShouldBeEmpty("a failed start stops the processes it started");
    }

    /// <summary>The ids of processes whose working directory is <paramref name="directory"/> (Linux; none elsewhere).</summary>
    internal static IReadOnlyList<int> ProcessesIn(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        var found = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid))
            {
                continue;
            }

            try
            {
                var cwd = new DirectoryInfo(Path.Combine(entry, "cwd")).ResolveLinkTarget(returnFinalTarget: false)?.FullName;
                if (cwd is not null && Path.GetFullPath(cwd).TrimEnd('/') == Path.GetFullPath(directory).TrimEnd('/'))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another user's process, or one that just exited.
            }
        }

        return found;
    }

    private static string Tail(string path) =>
        File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(40)) : "(none)";
}
