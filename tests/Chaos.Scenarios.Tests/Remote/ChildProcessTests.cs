using System.Diagnostics;
using Chaos.Hosting;
using Shouldly;
using Xunit;

namespace Chaos.Scenarios.Tests.Remote;

/// <summary>
/// A child chaos starts dies with chaos, also when chaos dies without exiting (a crash, SIGKILL), where no exit handler
/// runs: the <see cref="ChildProcess.OrphanWatch"/> script that starts it kills it when its input pipe closes.
/// </summary>
public sealed class ChildProcessTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task OrphanWatch_WhenTheProcessHoldingTheChildsInputIsKilled_KillsTheChild()
    {
        // The holder opens the write end of a FIFO the watched child reads, prints the child's pid and waits: its
        // SIGKILL closes the pipe as chaos's death closes the child's standard input.
        var holder = Process.Start(new ProcessStartInfo("/bin/sh")
        {
            ArgumentList =
            {
                "-c",
                """
                f=$(mktemp -u); mkfifo "$f"
                /bin/sh -c "$1" chaos-child sleep 600 < "$f" 2>/dev/null &
                echo $!
                exec 4>"$f"; rm "$f"
                exec sleep 600
                """,
                "holder",
                ChildProcess.OrphanWatch,
            },
            RedirectStandardOutput = true,
        })!;
        int child;
        try
        {
            child = int.Parse((await holder.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken))!);
            (await RunsAsSleepWithin(child, Bound)).ShouldBeTrue($"pid {child} never became the watched child");
        }
        finally
        {
            holder.Kill();
            await holder.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        (await ExitsWithin(child, Bound)).ShouldBeTrue($"pid {child} still runs {Bound.TotalSeconds:0}s after its input's holder was killed");
    }

    [Fact]
    public async Task Start_AChildThatExitsByItself_ReportsItsExitCodeThroughTheWatch()
    {
        var directory = Path.Combine(Path.GetTempPath(), "chaos-scenario-tests", "child-" + Guid.NewGuid().ToString("N")[..8]);
        await using var child = ChildProcess.Start("a shell", "sh", ["-c", "echo ready; exit 7"], directory, Path.Combine(directory, "child.log"));

        (await child.WaitForExitAsync(TestContext.Current.CancellationToken)).ShouldBe(7);
    }

    [Fact]
    public async Task Dispose_AChildThatExitedByItself_EndsItsWatchBeforeReturning()
    {
        var directory = Path.Combine(Path.GetTempPath(), "chaos-scenario-tests", "child-" + Guid.NewGuid().ToString("N")[..8]);
        var log = Path.Combine(directory, "child.log");
        var child = ChildProcess.Start("a shell", "sh", ["-c", "echo ready; exit 3"], directory, log);
        (await child.WaitForExitAsync(TestContext.Current.CancellationToken)).ShouldBe(3);
        var watch = child.WatchId.ShouldNotBeNull("the script gives the watch's pid first");
        (await ExitsWithin(watch, TimeSpan.Zero)).ShouldBeFalse("the watch of a child that exited by itself waits for its pipe to close");

        await child.DisposeAsync();

        (await ExitsWithin(watch, TimeSpan.Zero)).ShouldBeTrue($"the watch (pid {watch}) still ran when DisposeAsync returned");
        MultiProcessRunTests.ProcessesIn(directory).ShouldBeEmpty();
        (await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken)).ShouldBe(["ready"], "the watch's pid line is not the child's output");
    }

    [Fact]
    public void Start_AnExecutableThatIsNotThere_SaysSoBeforeStartingAnything()
    {
        var directory = Path.GetTempPath();
        var error = Should.Throw<InvalidOperationException>(() => ChildProcess.Start("the service", "no-such-service-binary", ["--port", "1"], directory, Path.Combine(directory, "never.log")));

        error.Message.ShouldBe("Could not start the service (no-such-service-binary --port 1): no such executable file (give its full path, or put its folder on PATH).");
    }

    /// <summary>Waits (bounded) for the watch script to have given its pid to the child, <c>sleep 600</c>.</summary>
    private static async Task<bool> RunsAsSleepWithin(int pid, TimeSpan bound)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < bound)
        {
            if (File.Exists($"/proc/{pid}/cmdline") && File.ReadAllText($"/proc/{pid}/cmdline") == "sleep\0600\0")
            {
                return true;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        return false;
    }

    /// <summary>Waits (bounded) for the process to be gone; reaped or a zombie both count as exited.</summary>
    private static async Task<bool> ExitsWithin(int pid, TimeSpan bound)
    {
        var deadline = Stopwatch.StartNew();
        do
        {
            if (!File.Exists($"/proc/{pid}/stat") || File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] == "Z")
            {
                return true;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        while (deadline.Elapsed < bound);

        return false;
    }
}
