using System.Text.Json;
using Chaos.Cli;
using Chaos.Cli.Commands;
using Shouldly;
using Spectre.Console.Testing;
using Xunit;

namespace Chaos.Scenarios.Tests.Reports;

/// <summary><c>chaos compare</c> and <c>chaos matrix</c>: one real comparison, and the command lines they refuse.</summary>
/// <remarks>
/// The comparison runs the 15-second test-data scenario <c>payment-brownout-short</c>: what compare adds (one report per
/// configuration, the side-by-side rows, the exit code) does not need the library's minute-long run, whose naive and
/// tuned outcomes <see cref="RetriesWithoutIdempotencyKeyTests"/> and <see cref="PaymentGatewayDownTests"/> already prove.
/// It runs among the parallel scenario runs, in one of their slots: compare runs its configurations one after another,
/// so it loads the machine like any other scenario run, and its scenario judges no latency.
/// </remarks>
[RunsAScenarioTimeline]
public sealed class CompareCommandTests
{
    [Fact]
    public async Task Compare_NaiveAgainstTuned_NaiveFailsOnDoubleChargesAndTunedPasses()
    {
        var outDirectory = Path.Combine(Path.GetTempPath(), "chaos-scenario-tests", "compare-" + Guid.NewGuid().ToString("N")[..8]);
        var console = new TestConsole();
        console.Profile.Width = 200;
        using var errors = new StringWriter();

        var exit = await CompareCommand.ExecuteAsync(
            new CompareCommand.Settings(Repository.TestScenario("payment-brownout-short"), [Config("naive"), Config("tuned")], outDirectory, Quiet: true),
            console,
            errors,
            TimeProvider.System,
            TestContext.Current.CancellationToken);

        var context = $"exit {exit}, reports in {outDirectory}\n{console.Output}\n{errors}";
        exit.ShouldBe(1, context);
        using var comparison = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDirectory, "compare.json"), TestContext.Current.CancellationToken));
        var configs = comparison.RootElement.GetProperty("configs").EnumerateArray().ToList();
        configs.Select(c => c.GetProperty("name").GetString()).ShouldBe(["naive", "tuned"]);
        configs[0].GetProperty("verdict").GetString().ShouldBe("fail", context);
        configs[0].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ShouldContain(r => r!.StartsWith("noDoubleCharges broken", StringComparison.Ordinal), context);
        configs[1].GetProperty("verdict").GetString().ShouldBe("pass", context);
        var invariant = comparison.RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "noDoubleCharges");
        invariant.GetProperty("failed").EnumerateArray().Select(f => f.GetBoolean()).ShouldBe([true, false]);

        (await File.ReadAllTextAsync(Path.Combine(outDirectory, "compare.md"), TestContext.Current.CancellationToken)).ShouldContain("noDoubleCharges broken");
        File.Exists(Path.Combine(outDirectory, "compare.html")).ShouldBeTrue();
        File.Exists(Path.Combine(outDirectory, "naive", "report.html")).ShouldBeTrue();
        File.Exists(Path.Combine(outDirectory, "tuned", "report.json")).ShouldBeTrue();
        console.Output.ShouldContain("noDoubleCharges broken");
    }

    [Fact]
    public async Task Compare_MissingConfig_ExitsTwoBeforeRunningAnything()
    {
        var (exit, _, errors) = await Chaos(["compare", Repository.TestScenario("payment-brownout-short"), "--storefront-config", Config("tuned"), "--storefront-config", "/nonexistent/fast.json"]);

        exit.ShouldBe(2);
        errors.ShouldContain("--storefront-config /nonexistent/fast.json: no such file");
    }

    [Fact]
    public async Task Compare_NoConfig_ExitsTwoSayingWhatToPass()
    {
        var (exit, _, errors) = await Chaos(["compare", Repository.TestScenario("payment-brownout-short")]);

        exit.ShouldBe(2);
        errors.ShouldContain("--storefront-config");
    }

    [Fact]
    public async Task Matrix_FolderWithoutConfigs_ExitsTwoNamingTheOption()
    {
        var empty = Path.Combine(Path.GetTempPath(), "chaos-empty-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(empty);

        var (exit, _, errors) = await Chaos(["matrix", "--scenarios", Repository.TestScenariosDirectory, "--configs", empty]);

        exit.ShouldBe(2);
        errors.ShouldContain($"--configs {empty}: no *.json files there");
    }

    [Fact]
    public void ShippedConfigs_AreTheThreeNamedInTheReadme()
    {
        Directory.EnumerateFiles(Path.Combine(Repository.Root, "configs"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .ShouldBe(["naive.json", "standard.json", "tuned.json"]);
        using var naive = JsonDocument.Parse(File.ReadAllText(Config("naive")));
        naive.RootElement.GetProperty("Payments").GetProperty("UseIdempotencyKeys").GetBoolean().ShouldBeFalse();
    }

    private static string Config(string name) => Path.Combine(Repository.Root, "configs", name + ".json");

    private static async Task<(int Exit, string Output, string Errors)> Chaos(string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 250;
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await ChaosApp.InvokeAsync(args, console, output, errors, TestContext.Current.CancellationToken);
        return (exit, console.Output + output, errors.ToString());
    }
}
