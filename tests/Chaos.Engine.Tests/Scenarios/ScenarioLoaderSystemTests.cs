using Chaos.Engine.Faults;
using Chaos.Engine.Journeys.Http;
using Chaos.Engine.Load;
using Chaos.Engine.Running;
using Chaos.Engine.Scenarios;
using Chaos.Engine.Systems;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Scenarios;

/// <summary>A scenario that names a system file is validated against that system's journeys, dependencies and routes.</summary>
public sealed class ScenarioLoaderSystemTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chaos-system-scenario-").FullName;
    private readonly string _example = File.ReadAllText(SourceTree.Find("examples/bank-transfers/rehearsal.yaml"));

    public ScenarioLoaderSystemTests()
    {
        var system = File.ReadAllText(SourceTree.Find("examples/bank-transfers/system.yaml"));
        var mappings = Path.GetDirectoryName(SourceTree.Find("examples/bank-transfers/mappings/bank/transfers.json"))!;
        File.WriteAllText(Path.Combine(_folder, "system.yaml"), system.Replace("mappings: mappings/bank", $"mappings: \"{mappings}\"", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void LoadFile_TheExample_ReadsItsSystemAndAtMostOnce()
    {
        var result = ScenarioLoader.LoadFile(SourceTree.Find("examples/bank-transfers/rehearsal.yaml"));

        result.Errors.ShouldBeEmpty();
        result.Scenario!.System!.Name.ShouldBe("bank-transfers");
        result.Scenario.AtMostOnce.ShouldBe([new AtMostOnceInvariant("bank", "transfers")]);
        result.Scenario.Invariants.ShouldBeEmpty();
    }

    [Fact]
    public void Load_StorefrontJourney_IsNotOneOfTheSystems()
    {
        var errors = Load(_example.Replace("    pay: 1", "    browse: 1", StringComparison.Ordinal));

        errors.ShouldContain(e => e.Field == "load.journeys.browse" && e.Message == "\"browse\" is not a journey; use pay.");
    }

    [Fact]
    public void Load_UnknownRoute_NamesTheSystemsRoutes()
    {
        var errors = Load(_example.Replace("route: transfers }", "route: charges }", StringComparison.Ordinal));

        errors.ShouldContain(e => e.Field == "invariants[0].atMostOnce.route" && e.Message.Contains("transfers", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownDependency_NamesTheSystemsDependencies()
    {
        var errors = Load(_example.Replace("dependency: bank\n", "dependency: payments.primary\n", StringComparison.Ordinal));

        errors.ShouldContain(e => e.Field == "faults[0].dependency" && e.Message.Contains("bank", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_StorefrontInvariantOnASystem_IsRefusedNamingAtMostOnce()
    {
        var errors = Load(_example.Replace("invariants:\n", "invariants:\n  - noLostOrders\n", StringComparison.Ordinal));

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("invariants[0]");
        error.Message.ShouldContain("bank-transfers");
        error.Message.ShouldContain("atMostOnce");
    }

    [Theory]
    [InlineData("fallbacks: { atMost: 0 }\n    fallback: paymentPending")]
    [InlineData("drainTime: { atMost: 10s }")]
    public void Load_StorefrontStatusMetricOnASystem_IsRefusedNamingWhatToUse(string expectation)
    {
        var yaml = _example.Replace("    availableRate: { atLeast: 0.99 }    # success", $"    {expectation}\n    # success", StringComparison.Ordinal)
            .Replace("  - phase: recovery\n    journey: pay\n", "  - phase: brownout\n", StringComparison.Ordinal);

        var errors = Load(yaml);

        errors.ShouldContain(e => e.Message.Contains("reference storefront's", StringComparison.Ordinal) && e.Message.Contains("bank-transfers", StringComparison.Ordinal), string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void Load_AtMostOnceWithoutASystem_IsRefusedRatherThanIgnored()
    {
        var yaml = ScenarioYaml.With("invariants: [", "invariants: [{ atMostOnce: { dependency: payments.primary, route: charges } }, ");

        var errors = ScenarioLoader.Parse(yaml, ScenarioYaml.Path).Errors;

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("invariants[0].atMostOnce");
        error.Message.ShouldContain("system: ./system.yaml");
    }

    [Fact]
    public void Load_MissingSystemFile_SaysWhichFile()
    {
        var error = Load(_example.Replace("system: ./system.yaml", "system: ./nowhere.yaml", StringComparison.Ordinal)).ShouldHaveSingleItem();

        error.Field.ShouldBe("system");
        error.Message.ShouldContain("nowhere.yaml");
    }

    [Fact]
    public void Load_ErrorInTheSystemFile_IsReportedWithItsOwnFileAndLine()
    {
        var system = Path.Combine(_folder, "system.yaml");
        File.WriteAllText(system, File.ReadAllText(system).Replace("  command: dotnet", "  comand: dotnet", StringComparison.Ordinal));

        var errors = Load(_example);

        errors.ShouldContain(e => e.File.EndsWith("system.yaml", StringComparison.Ordinal) && e.Line > 0 && e.Field == "service.comand");
    }

    [Fact]
    public void Parse_ForAnAgent_ReadsTheSystemFromItsTextWithoutItsFiles()
    {
        // A load agent runs where neither the system file nor its mappings are: its coordinator sends the text.
        var system = File.ReadAllText(SourceTree.Find("examples/bank-transfers/system.yaml"));
        var elsewhere = Path.Combine(_folder, "not-here", "rehearsal.yaml");

        var asTheCli = ScenarioLoader.Parse(_example, elsewhere);
        var asAnAgent = ScenarioLoader.Parse(_example, elsewhere, SystemLoadOptions.ForAgent(system));

        asTheCli.Errors.ShouldHaveSingleItem().Message.ShouldContain("file not found");
        asAnAgent.Errors.ShouldBeEmpty();
        asAnAgent.Scenario!.System!.Journeys.Select(j => j.Name).ShouldBe(["pay"]);
        asAnAgent.Scenario.System.Dependencies.ShouldHaveSingleItem().Name.ShouldBe("bank");
        asAnAgent.Scenario.AtMostOnce.ShouldBe([new AtMostOnceInvariant("bank", "transfers")]);
    }

    [Fact]
    public void AddAgentLedgers_AnAgentsJourneys_NameTheJourneyBehindARepeatedCall()
    {
        const string Trace = "0af7651916cd43dd8448eb211c80319c";
        var scenario = ScenarioLoader.Parse(_example, Path.Combine(_folder, "rehearsal.yaml"), SystemLoadOptions.ForAgent(File.ReadAllText(SourceTree.Find("examples/bank-transfers/system.yaml")))).Scenario!;
        using var run = new SystemRunTarget(new Uri("http://127.0.0.1:1/"), []).Begin(scenario, TimeProvider.System);
        var agent = new JourneyTraceLedger();
        agent.Record(new JourneyTrace("pay", Trace, 4242, OutcomeKind.Success, 201, null));

        ((IAgentLedgers)run).AddAgentLedgers(SystemAgentLedgers.Export(agent));
        var journal = new DependencyJournal("bank", [Call(Trace), Call(Trace)], []);
        var result = run.CheckInvariants([journal]).ShouldHaveSingleItem();

        result.Passed.ShouldBeFalse();
        result.Examples.ShouldHaveSingleItem().ShouldStartWith($"trace {Trace}: pay (user 4242, ended Success): 2 calls");
    }

    private static DependencyCall Call(string trace) => new(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero), "transfers", 201, false, null) { TraceId = trace };

    private IReadOnlyList<ScenarioError> Load(string yaml)
    {
        var path = Path.Combine(_folder, "rehearsal.yaml");
        File.WriteAllText(path, yaml);
        return ScenarioLoader.LoadFile(path).Errors;
    }
}
