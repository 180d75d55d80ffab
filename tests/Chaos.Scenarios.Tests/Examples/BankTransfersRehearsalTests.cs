using System.Text.Json;
using Chaos.Cli.Commands;
using Shouldly;
using Spectre.Console.Testing;
using Xunit;

namespace Chaos.Scenarios.Tests.Examples;

/// <summary>
/// The example that is not the storefront, run as a newcomer runs it: chaos starts the bank simulator from its mapping
/// files and the API as a child process, browns the bank out, and judges from the traces and the API's own Polly
/// telemetry. One <c>chaos compare</c> runs it with the API as written and with its fix (two service configurations);
/// each test reads what it proves from those two runs.
/// </summary>
public sealed class BankTransfersRehearsalTests(BankTransfersRehearsalTests.Comparison comparison) : IClassFixture<BankTransfersRehearsalTests.Comparison>
{
    [Fact]
    public void AsWritten_TheStandardHandlerRetryingPosts_FailsAtMostOnceNamingTheDuplicatedJourneys()
    {
        var run = comparison.Run("as-written");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.FailedInvariants.ShouldBe(["atMostOnce bank.transfers"], run.ToString());
        run.FailedExpectations.ShouldBe(["brownout pay p99"], run.ToString());   // two 1 s attempts and the retry delay: past 2 s
        run.Output.ShouldContain("calls to transfers, answered", Case.Sensitive, run.ToString());
        run.Output.ShouldMatch(@"trace [0-9a-f]{32}: pay \(user \d+");
        BreakerOpenedFromTheApisOwnTelemetry(run);
    }

    [Fact]
    public void WithRetryPostsOff_Passes()
    {
        var run = comparison.Run("retry-posts-off");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Verdict.ShouldBe("pass", run.ToString());
        BreakerOpenedFromTheApisOwnTelemetry(run);
    }

    [Fact]
    public void Compare_PutsTheTwoConfigurationsSideBySide_AndExitsWithTheWorstVerdict()
    {
        comparison.ExitCode.ShouldBe(1, comparison.Context);
        var configs = comparison.Document.RootElement.GetProperty("configs").EnumerateArray().ToList();
        configs.Select(c => (c.GetProperty("name").GetString(), c.GetProperty("verdict").GetString())).ShouldBe([("as-written", "fail"), ("retry-posts-off", "pass")], comparison.Context);
        configs[0].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ShouldContain(r => r!.Contains("atMostOnce bank.transfers", StringComparison.Ordinal), comparison.Context);
        var invariant = comparison.Document.RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "atMostOnce bank.transfers");
        invariant.GetProperty("failed").EnumerateArray().Select(f => f.GetBoolean()).ShouldBe([true, false]);
        comparison.Run("retry-posts-off").Output.ShouldContain("Service configuration: ", Case.Sensitive);
    }

    /// <summary>The breaker's figure comes from the API's Polly telemetry: its pipeline is reported and the circuit of bank opened.</summary>
    private static void BreakerOpenedFromTheApisOwnTelemetry(ScenarioRun run)
    {
        var report = run.Report!.RootElement;
        var opened = report.GetProperty("expectations").EnumerateArray().Single(e => e.GetProperty("metric").GetString() == "timeToCircuitOpen");
        opened.GetProperty("measured").GetBoolean().ShouldBeTrue(run.ToString());
        opened.GetProperty("observed").GetDouble().ShouldBeInRange(0, 4, run.ToString());
        report.GetProperty("circuits").EnumerateArray()
            .Select(c => (c.GetProperty("dependency").GetString(), c.GetProperty("state").GetString()))
            .ShouldContain(("bank", "open"), run.ToString());
        var pipeline = report.GetProperty("pipelines").EnumerateArray().ShouldHaveSingleItem();
        pipeline.GetProperty("pipeline").GetString().ShouldBe("BankClient-standard");
        pipeline.GetProperty("dependency").GetString().ShouldBe("bank");
        pipeline.GetProperty("events").GetProperty("OnCircuitOpened").GetInt64().ShouldBeGreaterThan(0);
    }

    /// <summary>
    /// <c>chaos compare examples/bank-transfers/rehearsal.yaml --service-config configs/as-written.json --service-config
    /// configs/retry-posts-off.json</c>, once for the class.
    /// </summary>
    public sealed class Comparison : IAsyncLifetime
    {
        private static readonly string Example = Path.Combine(Repository.Root, "examples", "bank-transfers");
        private readonly string _outDirectory = Path.Combine(Path.GetTempPath(), "chaos-scenario-tests", "bank-compare-" + Guid.NewGuid().ToString("N")[..8]);

        public int ExitCode { get; private set; }

        public JsonDocument Document { get; private set; } = JsonDocument.Parse("{}");

        public string Context { get; private set; } = "";

        public async ValueTask InitializeAsync()
        {
            var console = new TestConsole();
            console.Profile.Width = 200;
            using var errors = new StringWriter();
            ExitCode = await CompareCommand.ExecuteAsync(
                new CompareCommand.Settings(
                    Path.Combine(Example, "rehearsal.yaml"),
                    [],
                    _outDirectory,
                    Quiet: true,
                    [Path.Combine(Example, "configs", "as-written.json"), Path.Combine(Example, "configs", "retry-posts-off.json")]),
                console,
                errors,
                TimeProvider.System,
                TestContext.Current.CancellationToken);
            Context = $"exit {ExitCode}, reports in {_outDirectory}\n{console.Output}\n{errors}";
            var compare = Path.Combine(_outDirectory, "compare.json");
            File.Exists(compare).ShouldBeTrue(Context);
            Document = JsonDocument.Parse(await File.ReadAllTextAsync(compare));
        }

        internal ScenarioRun Run(string config)
        {
            var directory = Path.Combine(_outDirectory, config);
            var report = Path.Combine(directory, "report.json");
            File.Exists(report).ShouldBeTrue(Context);
            var json = JsonDocument.Parse(File.ReadAllText(report));
            var verdict = json.RootElement.GetProperty("verdict").GetString();
            var exit = verdict switch { "pass" => 0, "fail" => 1, _ => 3 };
            return new ScenarioRun(exit, File.ReadAllText(Path.Combine(directory, "report.md")), Context, json, directory);
        }

        public ValueTask DisposeAsync()
        {
            Document.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
