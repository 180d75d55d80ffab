using Chaos.Engine.Judging;
using Chaos.Testing;
using Chaos.Testing.Tests;
using Microsoft.AspNetCore.Mvc.Testing;
using Shouldly;
using Xunit;

namespace Chaos.Testing.PackageTests;

/// <summary>
/// The packed Chaos.Testing in a test project of its own, as a team uses it: the example bank API from its
/// WebApplicationFactory, a brown-out of its bank; without the fix the failure names the broken invariant, with it the
/// rehearsal passes. One class: the two runs share Polly's meter in this process.
/// </summary>
public sealed class PackagedRehearsalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chaos-package-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AsWritten_FailsAndTheAssertionNamesTheBrokenInvariant()
    {
        await using var factory = new WebApplicationFactory<Program>();

        var result = await ChaosRehearsal.RunAsync(factory, Example.ShortBrownout(_folder), Options(), TestContext.Current.CancellationToken);

        result.Verdict.ShouldBe(Verdict.Fail, result.ToString());
        Should.Throw<RehearsalException>(result.AssertPassed).Message.ShouldContain("invariant atMostOnce bank.transfers: ");
    }

    [Fact]
    public async Task WithRetryPostsOff_Passes()
    {
        await using var factory = new WebApplicationFactory<Program>();

        var result = await ChaosRehearsal.RunAsync(factory, Example.ShortBrownout(_folder), Options().WithSetting("Bank:RetryPosts", "false"), TestContext.Current.CancellationToken);

        result.AssertPassed();
        File.Exists(Path.Combine(result.ReportsDirectory, "report.html")).ShouldBeTrue();
    }

    private RehearsalOptions Options() => new() { ReportsDirectory = Path.Combine(_folder, "reports-" + Guid.NewGuid().ToString("N")[..8]) };
}
