using Shouldly;
using Xunit;

namespace Chaos.Scenarios.Tests.Examples;

/// <summary>
/// The example that is not the storefront, run as a newcomer runs it: chaos starts the bank simulator from its mapping
/// files and the API as a child process, browns the bank out, and judges from the traces.
/// </summary>
public sealed class BankTransfersRehearsalTests
{
    private static string Rehearsal => Path.Combine(Repository.Root, "examples", "bank-transfers", "rehearsal.yaml");

    [Fact]
    public async Task BankBrownout_WithTheStandardHandlerRetryingPosts_FailsAtMostOnceNamingTheDuplicatedJourneys()
    {
        var run = await ScenarioRun.ExecuteSystemAsync(Rehearsal);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.FailedInvariants.ShouldBe(["atMostOnce bank.transfers"], run.ToString());
        run.Output.ShouldContain("calls to transfers, answered", Case.Sensitive, run.ToString());
        run.Output.ShouldMatch(@"trace [0-9a-f]{32}: pay \(user \d+");
    }

    [Fact]
    public async Task BankBrownout_WithRetryPostsOff_Passes()
    {
        var run = await ScenarioRun.ExecuteSystemAsync(Rehearsal, "Bank__RetryPosts=false");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Verdict.ShouldBe("pass", run.ToString());
    }
}
