using Chaos.Engine.Systems;
using Chaos.Engine.Tests.Scenarios;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Systems;

/// <summary>The example's system file (examples/bank-transfers/system.yaml) loads as shipped; read as a file, the example is not referenced.</summary>
public sealed class ShippedSystemFileTests
{
    [Fact]
    public void BankTransfersSystemFile_LoadsWithItsMappingsRoutesAndJourney()
    {
        var path = SourceTree.Find("examples/bank-transfers/system.yaml");

        var result = SystemLoader.LoadFile(path);

        result.Errors.ShouldBeEmpty(string.Join(Environment.NewLine, result.Errors));
        var system = result.System!;
        system.Dependency("bank")!.Route("transfers")!.Matches("POST", "/v1/transfers").ShouldBeTrue();
        system.Dependency("bank")!.MappingFiles.Select(Path.GetFileName).ShouldBe(["health.json", "transfers.json"]);
        system.Journey("pay")!.Steps.Select(s => s.Name).ShouldBe(["pay", "check"]);
        system.Service.Args.ShouldBe(["bin/Debug/net10.0/BankTransfers.dll"]);
    }

    [Fact]
    public void ReadmeSystemFileExample_LoadsBesideTheExamplesMappings()
    {
        var readme = File.ReadAllText(SourceTree.Find("scenarios/README.md")).ReplaceLineEndings("\n");
        var section = readme[readme.IndexOf("## The system file", StringComparison.Ordinal)..];
        var start = section.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var yaml = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];

        var result = SystemLoader.Parse(yaml, SourceTree.Find("examples/bank-transfers/system.yaml"));

        result.Errors.ShouldBeEmpty(string.Join(Environment.NewLine, result.Errors));
        result.System!.Journey("pay")!.Steps[0].Degraded!.Contains(503).ShouldBeTrue();
    }
}
