using Chaos.Engine.Faults;
using Chaos.Engine.Running;
using Chaos.Engine.Scenarios;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Faults;

/// <summary>Recovery shapes and host cohorts, played on a fake clock through recording control surfaces.</summary>
public sealed class FaultTimelinePlayerRecoveryTests
{
    private static readonly DependencyTarget[] Pool =
    [
        Host("fc-win-1", "windows"),
        Host("fc-linux-1", "linux"),
        Host("fc-win-2", "windows"),
        Host("fc-win-3", "windows"),
        Host("fc-linux-2", "linux"),
    ];

    [Fact]
    public async Task PlayAsync_GradualRecovery_LowersTheRateInTenStepsThenClears()
    {
        var time = new FakeTimeProvider();
        var log = new List<string>();
        var player = new FaultTimelinePlayer([new RecordingControl("payments.primary", time, log)], time);
        var fault = Window("brownout", "payments.primary", 10, 5) with
        {
            Fault = new FaultSpec { Kind = FaultKind.Status, InjectionRate = 0.5 },
            Recovery = new FaultRecovery { Shape = RecoveryShape.Gradual, Over = TimeSpan.FromSeconds(10) },
        };

        await Play(player, time, [fault]);

        log.ShouldBe([
            "10s payments.primary apply brownout 0.5",
            "16s payments.primary apply brownout 0.45",
            "17s payments.primary apply brownout 0.4",
            "18s payments.primary apply brownout 0.35",
            "19s payments.primary apply brownout 0.3",
            "20s payments.primary apply brownout 0.25",
            "21s payments.primary apply brownout 0.2",
            "22s payments.primary apply brownout 0.15",
            "23s payments.primary apply brownout 0.1",
            "24s payments.primary apply brownout 0.05",
            "25s payments.primary clear brownout",
        ]);
        player.Events.Select(e => e.Action).Distinct().ShouldBe([FaultTimelinePlayer.Applied, FaultTimelinePlayer.Ramped, FaultTimelinePlayer.Cleared]);
        player.Events.Select(e => e.Actual).ShouldBe(player.Events.Select(e => e.Planned));
    }

    [Fact]
    public async Task PlayAsync_StagedCohortByTag_CrashesEveryWindowsHostThenBringsThemBackOneByOne()
    {
        var time = new FakeTimeProvider();
        var log = new List<string>();
        var player = new FaultTimelinePlayer(Controls(time, log), time, Pool, seed: 1);
        var fault = Window("edr-crash", "fulfillment", 5, 10) with
        {
            Hosts = new HostCohort { Tags = new Dictionary<string, string> { ["os"] = "windows" } },
            Fault = new FaultSpec { Kind = FaultKind.HostDown },
            Recovery = new FaultRecovery { Shape = RecoveryShape.Staged, Every = TimeSpan.FromSeconds(10) },
        };

        await Play(player, time, [fault]);

        log.ShouldBe([
            "5s fulfillment.fc-win-1 apply edr-crash 1",
            "5s fulfillment.fc-win-2 apply edr-crash 1",
            "5s fulfillment.fc-win-3 apply edr-crash 1",
            "15s fulfillment.fc-win-1 clear edr-crash",
            "25s fulfillment.fc-win-2 clear edr-crash",
            "35s fulfillment.fc-win-3 clear edr-crash",
        ]);
        player.Events.Where(e => e.Action == FaultTimelinePlayer.Cleared).Select(e => e.Dependency)
            .ShouldBe(["fulfillment.fc-win-1", "fulfillment.fc-win-2", "fulfillment.fc-win-3"]);
    }

    [Fact]
    public void TargetsOf_Share_PicksASeededShareOfTheMatchingHosts()
    {
        var fault = Window("half", "fulfillment", 0, 1) with { Hosts = new HostCohort { Share = 0.5 } };

        var picked = new FaultTimelinePlayer([], TimeProvider.System, Pool, seed: 42).TargetsOf(fault);

        picked.Count.ShouldBe(3); // round(0.5 x 5), half away from zero
        picked.ShouldBe(new FaultTimelinePlayer([], TimeProvider.System, Pool, seed: 42).TargetsOf(fault));
        picked.ShouldBeSubsetOf(Pool.Select(h => h.Name));
        Enumerable.Range(0, 20).Select(seed => string.Join(",", new FaultTimelinePlayer([], TimeProvider.System, Pool, seed).TargetsOf(fault)))
            .Distinct().Count().ShouldBeGreaterThan(1);
    }

    [Fact]
    public void TargetsOf_APoolOfASystemFile_IsExpandedIntoItsHostsLikeTheStorefronts()
    {
        // A system file's dependency with instances is a pool named by the system, not one of the storefront's.
        DependencyTarget[] banks = [new("bank.eu-1", new Dictionary<string, string> { ["region"] = "eu" }), new("bank.us-1", new Dictionary<string, string> { ["region"] = "us" })];
        var player = new FaultTimelinePlayer([], TimeProvider.System, banks, seed: 1);

        player.TargetsOf(Window("eu-down", "bank", 0, 1) with { Hosts = new HostCohort { Tags = new Dictionary<string, string> { ["region"] = "eu" } } }).ShouldBe(["bank.eu-1"]);
        player.TargetsOf(Window("all-down", "bank", 0, 1)).ShouldBe(["bank.eu-1", "bank.us-1"]);
        player.TargetsOf(Window("one-host", "bank.us-1", 0, 1)).ShouldBe(["bank.us-1"]);
        player.TargetsOf(Window("not-a-pool", "ledger", 0, 1)).ShouldBe(["ledger"]);
    }

    [Fact]
    public void TargetsOf_TagAndShare_PicksAmongTheTaggedHostsOnly()
    {
        var fault = Window("some-windows", "fulfillment", 0, 1) with
        {
            Hosts = new HostCohort { Tags = new Dictionary<string, string> { ["os"] = "windows" }, Share = 0.3 },
        };

        var picked = new FaultTimelinePlayer([], TimeProvider.System, Pool, seed: 7).TargetsOf(fault);

        picked.Count.ShouldBe(1);
        picked.Single().ShouldStartWith("fulfillment.fc-win-");
    }

    [Fact]
    public void TargetsOf_PoolWithoutHosts_TargetsEveryHostOfThePool()
    {
        new FaultTimelinePlayer([], TimeProvider.System, [.. Pool, new DependencyTarget("payments.primary", new Dictionary<string, string>())], seed: 1)
            .TargetsOf(Window("all", "fulfillment", 0, 1))
            .Count.ShouldBe(5);
    }

    [Fact]
    public async Task PlayAsync_CohortWithoutHostList_ThrowsAndSaysWhatIsMissing()
    {
        var time = new FakeTimeProvider();
        var player = new FaultTimelinePlayer([], time);

        var ex = await Should.ThrowAsync<InvalidOperationException>(() => player.PlayAsync(
            [Window("edr-crash", "fulfillment", 0, 1) with { Hosts = new HostCohort { Tags = new Dictionary<string, string> { ["os"] = "windows" } } }],
            time.GetTimestamp(),
            TestContext.Current.CancellationToken));

        ex.Message.ShouldBe("Fault 'edr-crash' targets the fulfillment hosts (os=windows), but no host in the run matches; give the player the pool's hosts with their tags.");
    }

    [Fact]
    public async Task ClearAllAsync_Cohort_ClearsEveryHost()
    {
        var time = new FakeTimeProvider();
        var log = new List<string>();
        var player = new FaultTimelinePlayer(Controls(time, log), time, Pool, seed: 1);

        await player.ClearAllAsync([Window("all", "fulfillment", 0, 1)]);

        log.Count.ShouldBe(5);
        log.ShouldAllBe(l => l.EndsWith("clear all", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClearAllAsync_WhenOneTargetIsUnreachable_ClearsTheOthersAndNamesIt()
    {
        var time = new FakeTimeProvider();
        var log = new List<string>();
        IDependencyControl[] controls = [.. Controls(time, log).Select(c => c.Dependency == "fulfillment.fc-win-2" ? new UnreachableControl(c.Dependency) : c)];
        var player = new FaultTimelinePlayer(controls, time, Pool, seed: 1);

        var failures = await player.ClearAllAsync([Window("all", "fulfillment", 0, 1)]);

        failures.ShouldBe(["Could not clear fault 'all' on fulfillment.fc-win-2: Connection refused (127.0.0.1:5405)"]);
        log.Count.ShouldBe(4);
    }

    [Fact]
    public void PlanPlayable_ADependencyNoSimulatorPlays_ThrowsNamingItAndAppliesNothing()
    {
        var time = new FakeTimeProvider();
        var log = new List<string>();
        var player = new FaultTimelinePlayer(Controls(time, log), time, Pool, seed: 1);

        var ex = Should.Throw<InvalidOperationException>(() => player.PlanPlayable([Window("all", "fulfillment", 0, 1), Window("outage", "payments.primary", 5, 1)]));

        ex.Message.ShouldBe("No simulator plays dependency 'payments.primary' (fault 'outage').");
        log.ShouldBeEmpty();
    }

    [Fact]
    public void PlanPlayable_EveryDependencyPlayed_ReturnsThePlan()
    {
        var time = new FakeTimeProvider();
        var player = new FaultTimelinePlayer(Controls(time, []), time, Pool, seed: 1);

        var steps = player.PlanPlayable([Window("all", "fulfillment", 0, 1)]);

        steps.Count.ShouldBe(Pool.Length * 2);
    }

    private static async Task Play(FaultTimelinePlayer player, FakeTimeProvider time, FaultWindow[] faults)
    {
        var playing = player.PlayAsync(faults, time.GetTimestamp(), TestContext.Current.CancellationToken);
        for (var i = 0; i < 120 && !playing.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Yield();
        }

        await playing;
    }

    private static DependencyTarget Host(string name, string os) => new("fulfillment." + name, new Dictionary<string, string> { ["os"] = os });

    private static IDependencyControl[] Controls(TimeProvider time, List<string> log) =>
        [.. Pool.Select(h => new RecordingControl(h.Name, time, log))];

    private static FaultWindow Window(string name, string dependency, int start, int duration) => new()
    {
        Name = name,
        Dependency = dependency,
        Start = TimeSpan.FromSeconds(start),
        Duration = TimeSpan.FromSeconds(duration),
        Fault = new FaultSpec { Kind = FaultKind.Status, StatusCode = 503 },
    };

    private sealed class RecordingControl(string dependency, TimeProvider time, List<string> log) : IDependencyControl
    {
        private readonly long _start = time.GetTimestamp();

        public string Dependency => dependency;

        public ValueTask ApplyAsync(FaultRule rule, CancellationToken cancellationToken)
        {
            log.Add(FormattableString.Invariant($"{time.GetElapsedTime(_start).TotalSeconds:0.#}s {dependency} apply {rule.Name} {rule.Fault.InjectionRate:0.###}"));
            return ValueTask.CompletedTask;
        }

        public ValueTask ClearAsync(string ruleName, CancellationToken cancellationToken)
        {
            log.Add(FormattableString.Invariant($"{time.GetElapsedTime(_start).TotalSeconds:0.#}s {dependency} clear {ruleName}"));
            return ValueTask.CompletedTask;
        }

        public ValueTask<DependencyJournal> ReadJournalAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult(new DependencyJournal(dependency, [], []));
    }

    private sealed class UnreachableControl(string dependency) : IDependencyControl
    {
        public string Dependency => dependency;

        public ValueTask ApplyAsync(FaultRule rule, CancellationToken cancellationToken) => throw new HttpRequestException("Connection refused (127.0.0.1:5405)");

        public ValueTask ClearAsync(string ruleName, CancellationToken cancellationToken) => throw new HttpRequestException("Connection refused (127.0.0.1:5405)");

        public ValueTask<DependencyJournal> ReadJournalAsync(CancellationToken cancellationToken) => throw new HttpRequestException("Connection refused (127.0.0.1:5405)");
    }
}
