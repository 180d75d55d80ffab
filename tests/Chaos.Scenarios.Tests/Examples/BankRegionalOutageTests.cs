using System.Text.Json;
using Shouldly;
using Xunit;

namespace Chaos.Scenarios.Tests.Examples;

/// <summary>
/// A system file with a pool: the bank of the bank-transfers example in two regions (<c>system-regions.yaml</c>), one
/// simulator per instance, their URLs reaching the API as its list of endpoints. <c>regional-outage.yaml</c> takes the
/// EU cohort down (<c>hosts: { tags: { region: eu } }</c>) and is run twice, one run after the other (two at once would
/// be a fifth run beside the four the suite runs in parallel): with the API as written (one
/// breaker for both regions) and with <c>Bank__BreakerPerEndpoint=true</c> (a breaker per region), the latter with two
/// expectations more, on the breaker of the host <c>bank.eu-1</c> alone, read from its pipeline's <c>pipeline.instance</c>.
/// </summary>
public sealed class BankRegionalOutageTests(BankRegionalOutageTests.Runs runs) : IClassFixture<BankRegionalOutageTests.Runs>
{
    [Fact]
    public void AsWritten_OneBreakerForBothRegions_RefusesTheHealthyRegionAndFailsTheOutagePhase()
    {
        var run = runs.AsWritten;

        run.ExitCode.ShouldBe(1, run.ToString());
        run.FailedExpectations.ShouldBe(["eu-down pay successRate"], run.ToString());
        run.FailedInvariants.ShouldBeEmpty(run.ToString());
        Expectation(run, "eu-down", "successRate").GetProperty("observed").GetDouble().ShouldBeLessThan(0.5, "the open breaker refused the US region too");
        var pipeline = run.Report!.RootElement.GetProperty("pipelines").EnumerateArray().ShouldHaveSingleItem("one pipeline for both regions");
        pipeline.GetProperty("dependency").GetString().ShouldBe("bank");
        OnlyTheEuCohortWasTakenDown(run);
    }

    [Fact]
    public void WithABreakerPerEndpoint_PaymentsFailOverToTheHealthyRegion_AndPass()
    {
        var run = runs.PerEndpoint;

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Verdict.ShouldBe("pass", run.ToString());
        Expectation(run, "eu-down", "successRate").GetProperty("observed").GetDouble().ShouldBeGreaterThanOrEqualTo(0.95, run.ToString());
        var atMostOnce = run.Report!.RootElement.GetProperty("invariants").EnumerateArray().ShouldHaveSingleItem();
        atMostOnce.GetProperty("measured").GetBoolean().ShouldBeTrue(run.ToString());
        atMostOnce.GetProperty("message").GetString()!.ShouldMatch(@"\((\d+) calls from \1 journeys\)\.$", "a failover sent no payment's transfer to both regions");
        OnlyTheEuCohortWasTakenDown(run);
        foreach (var metric in (string[])["timeToCircuitOpen", "timeToRecover"])
        {
            var host = run.Report!.RootElement.GetProperty("expectations").EnumerateArray()
                .Single(e => e.GetProperty("dependency").GetString() == "bank.eu-1" && e.GetProperty("metric").GetString() == metric);
            host.GetProperty("measured").GetBoolean().ShouldBeTrue(run.ToString());
            host.GetProperty("passed").GetBoolean().ShouldBeTrue(run.ToString());
        }

        var circuits = run.Report!.RootElement.GetProperty("circuits").EnumerateArray()
            .GroupBy(c => c.GetProperty("dependency").GetString()!)
            .ToDictionary(g => g.Key, g => g.Select(c => c.GetProperty("state").GetString()!).ToArray());
        circuits["bank.eu-1"].ShouldContain("open", run.ToString());
        circuits["bank.us-1"].ShouldBe(["closed"], "the US region's own breaker never opened");
        circuits["bank"].ShouldContain("open", "the pool's circuit is open while a host's is");
        var pipelines = run.Report.RootElement.GetProperty("pipelines").EnumerateArray().ToList();
        pipelines.Select(p => (p.GetProperty("pipeline").GetString(), p.GetProperty("dependency").GetString())).ShouldBe(
            [("BankClient-standard", "bank.eu-1"), ("BankClient-standard", "bank.us-1")], "the pipeline once per endpoint, each the host's");
        pipelines[0].GetProperty("events").GetProperty("OnCircuitOpened").GetInt64().ShouldBeGreaterThan(0);
        pipelines[1].GetProperty("events").TryGetProperty("OnCircuitOpened", out _).ShouldBeFalse(run.ToString());

        // Endpoints are tried in order: us-1 takes only what fails over, the 10 payments a second of the 10 s outage
        // (and those sent while eu-1's breaker is still open after it).
        var calls = run.Report.RootElement.GetProperty("dependencies").EnumerateArray()
            .ToDictionary(d => d.GetProperty("dependency").GetString()!, d => d.GetProperty("calls").GetInt64());
        calls.Keys.Order(StringComparer.Ordinal).ToArray().ShouldBe(["bank.eu-1", "bank.us-1"], run.ToString());
        calls["bank.us-1"].ShouldBeGreaterThanOrEqualTo(95, run.ToString());
    }

    /// <summary>The cohort fault was played on bank.eu-1 alone: applied at 5 s, cleared at 15 s.</summary>
    private static void OnlyTheEuCohortWasTakenDown(ScenarioRun run) =>
        run.Report!.RootElement.GetProperty("faults").EnumerateArray()
            .Select(f => $"{f.GetProperty("fault").GetString()} {f.GetProperty("dependency").GetString()} {f.GetProperty("action").GetString()} at {f.GetProperty("plannedSeconds").GetDouble()}")
            .ShouldBe(["eu-down bank.eu-1 applied at 5", "eu-down bank.eu-1 cleared at 15"], run.ToString());

    private static JsonElement Expectation(ScenarioRun run, string phase, string metric) =>
        run.Report!.RootElement.GetProperty("expectations").EnumerateArray()
            .Single(e => e.GetProperty("phase").GetString() == phase && e.GetProperty("metric").GetString() == metric);

    /// <summary>The two runs of <c>examples/bank-transfers/regional-outage.yaml</c>, one after the other, for the class.</summary>
    public sealed class Runs : IAsyncLifetime
    {
        private static readonly string Example = Path.Combine(Repository.Root, "examples", "bank-transfers");

        private static readonly string Scenario = Path.Combine(Example, "regional-outage.yaml");

        private readonly string _folder = Directory.CreateTempSubdirectory("chaos-regional-outage-").FullName;

        internal ScenarioRun AsWritten { get; private set; } = null!;

        internal ScenarioRun PerEndpoint { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            // With a breaker per endpoint, the EU host's own breaker is judged too (as written there is none: not measured).
            var withHosts = Path.Combine(_folder, "regional-outage-hosts.yaml");
            var yaml = (await File.ReadAllTextAsync(Scenario))
                .Replace("system: ./system-regions.yaml", $"system: '{Path.Combine(Example, "system-regions.yaml")}'", StringComparison.Ordinal)
                .Replace("invariants:", """
                      - { phase: eu-down, dependency: bank.eu-1, timeToCircuitOpen: { atMost: 4s } }
                      - { phase: eu-down, dependency: bank.eu-1, timeToRecover: { atMost: 6s } }
                    invariants:
                    """, StringComparison.Ordinal);
            await File.WriteAllTextAsync(withHosts, yaml);
            AsWritten = await ScenarioRun.ExecuteSystemAsync(Scenario);
            PerEndpoint = await ScenarioRun.ExecuteSystemAsync(withHosts, "Bank__BreakerPerEndpoint=true");
        }

        public ValueTask DisposeAsync()
        {
            AsWritten?.Report?.Dispose();
            PerEndpoint?.Report?.Dispose();
            Directory.Delete(_folder, recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}
