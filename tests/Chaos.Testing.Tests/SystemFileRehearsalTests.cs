using Chaos.Engine.Judging;
using Shouldly;
using Xunit;

namespace Chaos.Testing.Tests;

/// <summary>
/// The rehearsal from the system file alone, as <c>chaos run</c> takes it: the bank API started as a child process from
/// its <c>service: command:</c>, the fix passed as a setting (an environment variable of the child), and stopped after.
/// </summary>
public sealed class SystemFileRehearsalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chaos-testing-system-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task FromTheSystemFile_WithTheFixAsASetting_StartsTheServiceAndPasses()
    {
        var options = new RehearsalOptions { ReportsDirectory = Path.Combine(_folder, "reports") }.WithSetting("Bank:RetryPosts", "false");

        var result = await ChaosRehearsal.RunAsync(Example.ShortBrownout(_folder), options, TestContext.Current.CancellationToken);

        result.Verdict.ShouldBe(Verdict.Pass, result.ToString());
        File.ReadAllText(Path.Combine(result.ReportsDirectory, "service", "service.log")).ShouldContain("Now listening on: http://127.0.0.1:");
        result.Report.Pipelines.ShouldContain(p => p.Pipeline == "BankClient-standard", result.ToString());
    }
}
