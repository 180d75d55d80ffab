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
}
