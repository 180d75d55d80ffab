using Chaos.Engine.Judging;
using Chaos.Engine.Reports;
using Microsoft.AspNetCore.Mvc.Testing;
using Shouldly;
using Xunit;

namespace Chaos.Testing.Tests;

/// <summary>What a test sees when a rehearsal cannot start, and how a verdict's assertion reads in a test runner.</summary>
public sealed class RehearsalSetupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chaos-testing-setup-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task RunAsync_ScenarioWithErrors_ListsEveryErrorWithItsLine_BeforeStartingAnything()
    {
        var scenario = Example.ShortBrownout(_folder);
        File.WriteAllText(scenario, File.ReadAllText(scenario)
            .Replace("    pay: 1", "    pya: 1", StringComparison.Ordinal)
            .Replace("kind: latency", "kind: slow", StringComparison.Ordinal));
        await using var factory = new WebApplicationFactory<Program>();

        var error = await Should.ThrowAsync<RehearsalException>(() => ChaosRehearsal.RunAsync(factory, scenario, cancellationToken: TestContext.Current.CancellationToken));

        error.Message.ShouldContain($"{scenario} cannot be rehearsed");
        error.Message.ShouldMatch(@"brownout-short\.yaml:\d+: load\.journeys\.pya");
        error.Message.ShouldMatch(@"brownout-short\.yaml:\d+: faults\[0\]\.fault\.kind");
    }

    [Fact]
    public async Task RunAsync_StorefrontScenario_SaysItNeedsASystemFile()
    {
        var storefront = Path.Combine(Path.GetDirectoryName(Example.Folder)!, "..", "scenarios", "payment-gateway-down.yaml");
        await using var factory = new WebApplicationFactory<Program>();

        var error = await Should.ThrowAsync<RehearsalException>(() => ChaosRehearsal.RunAsync(factory, storefront, cancellationToken: TestContext.Current.CancellationToken));

        error.Message.ShouldContain("names no system file; add system: ./system.yaml");
    }

    [Fact]
    public async Task RunAsync_CodeJourneyWithoutJourneysInTheSystemFile_IsAccepted_AndAnUnknownOneIsNot()
    {
        var system = File.ReadAllText(Path.Combine(Example.Folder, "system.yaml"));
        var withoutJourneys = system[..system.IndexOf("journeys:", StringComparison.Ordinal)]
            .Replace("mappings: mappings/bank", $"mappings: \"{Path.Combine(Example.Folder, "mappings", "bank")}\"", StringComparison.Ordinal);
        var service = withoutJourneys.IndexOf("service:", StringComparison.Ordinal);
        withoutJourneys = withoutJourneys[..service] + withoutJourneys[withoutJourneys.IndexOf("dependencies:", StringComparison.Ordinal)..];   // hosted by the factory: no service:
        File.WriteAllText(Path.Combine(_folder, "system.yaml"), withoutJourneys);
        var scenario = Path.Combine(_folder, "rehearsal.yaml");
        File.WriteAllText(scenario, File.ReadAllText(Example.ShortBrownout(_folder)).Replace($"system: '{Path.Combine(Example.Folder, "system.yaml")}'", "system: ./system.yaml", StringComparison.Ordinal));

        var unknown = Engine.Scenarios.ScenarioLoader.LoadFile(scenario, new Engine.Systems.SystemLoadOptions(HostedElsewhere: true, ["transfer"]));
        var known = Engine.Scenarios.ScenarioLoader.LoadFile(scenario, new Engine.Systems.SystemLoadOptions(HostedElsewhere: true, ["pay"]));

        unknown.Errors.ShouldContain(e => e.Field == "load.journeys.pay" && e.Message.Contains("transfer", StringComparison.Ordinal));
        known.Errors.ShouldBeEmpty(string.Join(Environment.NewLine, known.Errors));
        known.Scenario!.System!.Journeys.ShouldBeEmpty();
    }

    [Fact]
    public void AssertPassed_FailedRun_ListsEachFailedExpectationWithItsObservedValue()
    {
        var result = new RehearsalResult(
            new RunReport
            {
                Scenario = "bank-brownout",
                Incident = "a brown-out",
                SourcePath = "rehearsal.yaml",
                Seed = 1,
                StartedAt = DateTimeOffset.UnixEpoch,
                Verdict = Verdict.Fail,
                Expectations =
                [
                    new ExpectationResult("brownout", "pay", null, "p99", null, 2, 2.24, Passed: false, Measured: true, "over 100 journeys", Line: 33),
                    new ExpectationResult("baseline", "pay", null, "successRate", 0.99, null, 1, Passed: true, Measured: true, "50 of 50", Line: 29),
                ],
                Invariants = [new InvariantResult("atMostOnce bank.transfers", false, "6 journeys caused more than one call", ["trace 1: pay (user 0)"])],
            },
            "/tmp/reports",
            []);

        var message = Should.Throw<RehearsalException>(result.AssertPassed).Message;

        message.ShouldStartWith("bank-brownout: expected the verdict pass, got fail (reports in /tmp/reports).");
        message.ShouldContain("expectation (line 33) brownout pay p99: expected <= 2s, observed 2.24s: over 100 journeys");
        message.ShouldNotContain("successRate");
        message.ShouldContain("invariant atMostOnce bank.transfers: 6 journeys caused more than one call");
        message.ShouldContain("    - trace 1: pay (user 0)");
        Should.Throw<RehearsalException>(() => result.AssertFailed("atMostOnce bank.transfers", "p50")).Message.ShouldContain("expected p50 to fail");
        result.AssertFailed("atMostOnce bank.transfers", "p99");
    }
}
