using Chaos.Engine.Faults;
using Chaos.Engine.Running;
using Chaos.Engine.Scenarios;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Running;

public sealed class FaultTimelinePlayerCrashTests
{
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan RestartAfter = TimeSpan.FromSeconds(3);

    /// <summary>How long the fake service takes to be ready after its restart begins.</summary>
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task PlayAsync_Crash_KillsAtStartRestartsAfterRestartAfterAndRecordsWhenTheServiceWasReady()
    {
        var time = new FakeTimeProvider();
        var service = new FakeService(time, Startup);
        var player = new FaultTimelinePlayer([], time, [], seed: 1, service);

        var playing = player.PlayAsync([Crash()], time.GetTimestamp(), TestContext.Current.CancellationToken);
        await AdvanceUntilAsync(time, playing, TimeSpan.FromSeconds(20));

        await playing;
        service.Log.ShouldBe(["4s crash", "7s restart", "9s ready"]);
        player.Events.Select(e => (e.Fault, e.Dependency, e.Action, e.Planned, e.Actual)).ShouldBe(
        [
            ("storefront-crash", "service", FaultTimelinePlayer.Applied, Start, Start),
            ("storefront-crash", "service", FaultTimelinePlayer.Cleared, Start + RestartAfter, Start + RestartAfter + Startup),
        ]);
    }

    [Fact]
    public async Task PlayAsync_CrashWithADependencyFault_PlaysBothOnOneTimeline()
    {
        var time = new FakeTimeProvider();
        var service = new FakeService(time, TimeSpan.Zero);
        var player = new FaultTimelinePlayer([new NullControl("payments.primary")], time, [], seed: 1, service);
        var outage = new FaultWindow
        {
            Name = "outage",
            Dependency = "payments.primary",
            Start = TimeSpan.FromSeconds(2),
            Duration = TimeSpan.FromSeconds(10),
            Fault = new FaultSpec { Kind = FaultKind.Status, StatusCode = 503 },
        };

        var playing = player.PlayAsync([outage, Crash()], time.GetTimestamp(), TestContext.Current.CancellationToken);
        await AdvanceUntilAsync(time, playing, TimeSpan.FromSeconds(20));

        await playing;
        player.Events.Select(e => $"{e.Actual.TotalSeconds:0}s {e.Action} {e.Fault} on {e.Dependency}").ShouldBe(
        [
            "2s applied outage on payments.primary",
            "4s applied storefront-crash on service",
            "7s cleared storefront-crash on service",
            "12s cleared outage on payments.primary",
        ]);
    }

    [Fact]
    public void PlanPlayable_CrashWithoutServiceControl_ThrowsNamingTheFaultAndTheFix()
    {
        var time = new FakeTimeProvider();
        var player = new FaultTimelinePlayer([], time, [], seed: 1);

        var ex = Should.Throw<InvalidOperationException>(() => player.PlanPlayable([Crash()]));

        ex.Message.ShouldContain("'storefront-crash' crashes the service");
        ex.Message.ShouldContain("without --storefront-url");
    }

    [Fact]
    public async Task ClearAllAsync_AfterACrash_TouchesNoDependencyAndDoesNotRestart()
    {
        var time = new FakeTimeProvider();
        var service = new FakeService(time, TimeSpan.Zero);
        var player = new FaultTimelinePlayer([new NullControl("payments.primary")], time, [], seed: 1, service);

        var failures = await player.ClearAllAsync([Crash()]);

        failures.ShouldBeEmpty();
        service.Log.ShouldBeEmpty();
    }

    private static FaultWindow Crash() => new()
    {
        Name = "storefront-crash",
        Dependency = ScenarioVocabulary.ServiceTarget,
        Start = Start,
        Duration = RestartAfter,
        Fault = new FaultSpec { Kind = FaultKind.Crash, RestartAfter = RestartAfter },
    };

    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Task playing, TimeSpan limit)
    {
        var step = TimeSpan.FromMilliseconds(500);
        for (var elapsed = TimeSpan.Zero; elapsed < limit && !playing.IsCompleted; elapsed += step)
        {
            time.Advance(step);
            await Task.Yield();
        }
    }

    /// <summary>A service whose restart takes <paramref name="startup"/> of the fake clock before it is ready.</summary>
    private sealed class FakeService(FakeTimeProvider time, TimeSpan startup) : IServiceControl
    {
        private readonly long _start = time.GetTimestamp();

        public List<string> Log { get; } = [];

        public Task CrashAsync(CancellationToken cancellationToken)
        {
            Log.Add($"{Now()}s crash");
            return Task.CompletedTask;
        }

        public async Task RestartAsync(CancellationToken cancellationToken)
        {
            Log.Add($"{Now()}s restart");
            if (startup > TimeSpan.Zero)
            {
                await Task.Delay(startup, time, cancellationToken);
                Log.Add($"{Now()}s ready");
            }
        }

        private string Now() => time.GetElapsedTime(_start).TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed class NullControl(string dependency) : IDependencyControl
    {
        public string Dependency => dependency;

        public ValueTask ApplyAsync(FaultRule rule, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask ClearAsync(string ruleName, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<DependencyJournal> ReadJournalAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult(new DependencyJournal(dependency, [], []));
    }
}
