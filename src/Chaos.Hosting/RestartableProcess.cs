using System.Globalization;
using Chaos.Engine.Running;

namespace Chaos.Hosting;

/// <summary>
/// The system under test as a child process that a <c>kind: crash</c> fault can kill (SIGKILL, the whole process tree)
/// and start again with the same arguments on the same address, so its database and its clients stay the same. The
/// process it runs is always either running or disposed: a restart that fails kills what it started, and disposing this
/// kills the current process, so no child outlives a run, a Ctrl-C or a failed restart.
/// </summary>
/// <remarks>Crash, restart and dispose are serialised; a crash of a process that is already dead does nothing.</remarks>
internal sealed class RestartableProcess : IServiceControl, IAsyncDisposable
{
    /// <summary>How long a restart may take until the process listens again.</summary>
    private static readonly TimeSpan RestartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait before trying again when the restarted process could not bind its address yet.</summary>
    private static readonly TimeSpan RebindDelay = TimeSpan.FromMilliseconds(250);

    private readonly Func<string, ChildProcess> _start;
    private readonly Func<ChildProcess, TimeSpan, CancellationToken, Task<Uri>> _waitUntilListening;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ChildProcess _process;
    private bool _crashed;
    private bool _disposed;

    private RestartableProcess(Func<string, ChildProcess> start, Func<ChildProcess, TimeSpan, CancellationToken, Task<Uri>> waitUntilListening, TimeProvider time, ChildProcess process, Uri url)
    {
        _start = start;
        _waitUntilListening = waitUntilListening;
        _time = time;
        _process = process;
        Url = url;
    }

    /// <summary>Gets the address the process listens on; a restart listens on the same one.</summary>
    public Uri Url { get; }

    /// <summary>Gets the id of the process running now.</summary>
    public int Id => _process.Id;

    /// <summary>Gets how many times the process was killed by a crash fault.</summary>
    public int Crashes { get; private set; }

    /// <summary>
    /// Starts the process on <paramref name="firstUrls"/> (for example <c>http://127.0.0.1:0</c>) and waits until it
    /// listens; restarts use the address it then listened on.
    /// </summary>
    /// <param name="start">Starts the process with the given <c>--urls</c> value.</param>
    /// <param name="firstUrls">The <c>--urls</c> value of the first start.</param>
    /// <param name="waitUntilListening">Waits until the process listens and returns its address; throws if it exits first.</param>
    /// <param name="timeout">How long the first start may take.</param>
    /// <param name="time">The clock of the waits.</param>
    /// <param name="cancellationToken">Stops the start (the process is then killed).</param>
    public static async Task<RestartableProcess> StartAsync(
        Func<string, ChildProcess> start,
        string firstUrls,
        Func<ChildProcess, TimeSpan, CancellationToken, Task<Uri>> waitUntilListening,
        TimeSpan timeout,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(waitUntilListening);
        var process = start(firstUrls);
        try
        {
            var url = await waitUntilListening(process, timeout, cancellationToken).ConfigureAwait(false);
            return new RestartableProcess(start, waitUntilListening, time, process, url);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task CrashAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_crashed)
            {
                return;
            }

            // ChildProcess kills with SIGKILL (Process.Kill on the whole tree): no shutdown, nothing flushed.
            var pid = _process.Id;
            await _process.DisposeAsync().ConfigureAwait(false);
            _crashed = true;
            Crashes++;
            AppendToLog($"chaos: killed {_process.Name} (pid {pid}, SIGKILL) at {_time.GetUtcNow():O}");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_crashed)
            {
                return;
            }

            var urls = Url.GetLeftPart(UriPartial.Authority);
            var start = _time.GetTimestamp();
            while (true)
            {
                AppendToLog($"chaos: starting {_process.Name} again on {urls} at {_time.GetUtcNow():O}");
                var process = _start(urls);
                try
                {
                    var remaining = RestartTimeout - _time.GetElapsedTime(start);
                    await _waitUntilListening(process, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                    _process = process;
                    _crashed = false;
                    return;
                }
                catch (InvalidOperationException) when (process.HasExited && _time.GetElapsedTime(start) < RestartTimeout && !cancellationToken.IsCancellationRequested)
                {
                    // Most likely the address is not free yet (the killed process's sockets are still closing): try again.
                    await process.DisposeAsync().ConfigureAwait(false);
                    await Task.Delay(RebindDelay, _time, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    await process.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Kills the process if it runs and waits for it to exit.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await _process.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void AppendToLog(string line)
    {
        try
        {
            File.AppendAllText(_process.LogPath, line + Environment.NewLine);
        }
        catch (IOException)
        {
            // The log is for people; a run does not depend on it.
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{_process.Name} on {Url} (pid {_process.Id}, {Crashes} crashes)");
}
