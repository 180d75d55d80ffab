using Shouldly;
using Xunit;

namespace Chaos.Scenarios.Tests.Examples;

/// <summary>A system file's service that does not start is a harness error with its last lines, and nothing is left running.</summary>
public sealed class SystemServiceStartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chaos-system-start-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Run_ServiceExitsBeforeItIsReady_ExitsThreeWithItsLastLines()
    {
        var example = Path.Combine(Repository.Root, "examples", "bank-transfers");
        var system = await File.ReadAllTextAsync(Path.Combine(example, "system.yaml"), TestContext.Current.CancellationToken);
        system = system
            .Replace("mappings: mappings/bank", $"mappings: \"{Path.Combine(example, "mappings", "bank")}\"", StringComparison.Ordinal)
            .Replace("args: [bin/Debug/net10.0/BankTransfers.dll]", "args: [no-such-service.dll]", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(_folder, "system.yaml"), system, TestContext.Current.CancellationToken);
        var scenario = Path.Combine(_folder, "rehearsal.yaml");
        File.Copy(Path.Combine(example, "rehearsal.yaml"), scenario);

        var run = await ScenarioRun.ExecuteSystemAsync(scenario);

        run.ExitCode.ShouldBe(3, run.ToString());
        run.Errors.ShouldContain("bank-transfers exited before it was ready; its last lines", Case.Sensitive, run.ToString());
        run.Errors.ShouldContain("no-such-service.dll", Case.Sensitive, run.ToString());
    }
}
