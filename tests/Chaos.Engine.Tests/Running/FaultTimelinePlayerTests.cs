using Chaos.Engine.Faults;
using Chaos.Engine.Running;
using Chaos.Engine.Scenarios;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Running;

public sealed class FaultTimelinePlayerTests
{
    [Fact]
    public async Task PlayAsync_Timeline_AppliesAndClearsAtPlannedOffsets()
    {
        var time = new FakeTimeProvider();
        var control = new RecordingControl("payments.primary", time);
        var player = new FaultTimelinePlayer([control], time);
        var faults = new[]
        {
            Window("outage", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)),
            Window("relapse", TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(3)),
        };

        var playing = player.PlayAsync(faults, time.GetTimestamp(), TestContext.Current.CancellationToken);
        for (var i = 0; i < 30 && !playing.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        await playing;
        control.Log.ShouldBe(["10s apply outage", "15s clear outage", "20s apply relapse", "23s clear relapse"]);
        player.Events.Select(e => e.Actual).ShouldBe(player.Events.Select(e => e.Planned));
    }

    [Fact]
    public async Task PlayAsync_UnknownDependency_Throws()
    {
        var time = new FakeTimeProvider();
        var player = new FaultTimelinePlayer([new RecordingControl("payments.primary", time)], time);

        var ex = await Should.ThrowAsync<InvalidOperationException>(() => player.PlayAsync(
            [Window("outage", TimeSpan.Zero, TimeSpan.FromSeconds(1)) with { Dependency = "identity" }],
            time.GetTimestamp(),
            TestContext.Current.CancellationToken));

        ex.Message.ShouldContain("identity");
    }

    [Fact]
    public async Task PlayAsync_Cancelled_ClearsAppliedFaults()
    {
        var time = new FakeTimeProvider();
        var control = new RecordingControl("payments.primary", time);
        var player = new FaultTimelinePlayer([control], time);
        using var cts = new CancellationTokenSource();
        var playing = player.PlayAsync([Window("outage", TimeSpan.Zero, TimeSpan.FromSeconds(60))], time.GetTimestamp(), cts.Token);
        await Task.Yield();

        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => playing);
        control.Log.ShouldBe(["0s apply outage", "0s clear outage"]);
    }

    private static FaultWindow Window(string name, TimeSpan start, TimeSpan duration) => new()
    {
        Name = name,
        Dependency = "payments.primary",
        Start = start,
        Duration = duration,
        Fault = new FaultSpec { Kind = FaultKind.Status, StatusCode = 503 },
    };

    private sealed class RecordingControl(string dependency, TimeProvider time) : IDependencyControl
    {
        private readonly long _start = time.GetTimestamp();

        public List<string> Log { get; } = [];

        public string Dependency => dependency;

        public ValueTask ApplyAsync(FaultRule rule, CancellationToken cancellationToken)
        {
            Log.Add($"{time.GetElapsedTime(_start).TotalSeconds:0}s apply {rule.Name}");
            return ValueTask.CompletedTask;
        }

        public ValueTask ClearAsync(string ruleName, CancellationToken cancellationToken)
        {
            Log.Add($"{time.GetElapsedTime(_start).TotalSeconds:0}s clear {ruleName}");
            return ValueTask.CompletedTask;
        }

        public ValueTask<DependencyJournal> ReadJournalAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult(new DependencyJournal(dependency, [], []));
    }
}
