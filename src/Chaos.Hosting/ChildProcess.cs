using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Chaos.Hosting;

/// <summary>
/// A process the harness started (<c>dotnet chaos.dll simulate</c>, <c>dotnet Chaos.Storefront.dll</c>): its standard
/// output and error go to a log file, a caller can wait for a line, and disposing it kills the process tree. It is also
/// killed when this process exits, so a run never leaves one behind; on Linux also when this process dies without
/// exiting (a crash, SIGKILL): see <see cref="OrphanWatch"/>.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private const int KeptLines = 200;

    /// <summary>
    /// The <c>sh -c</c> script a child starts through on Linux. A background subshell holds the read end of the child's
    /// standard input (a pipe whose write end only this process has) and waits for end of file, which comes when this
    /// process is gone, however it went; if the child is still its parent then (the shell's pid, which
    /// <c>exec</c> gave to the child), it kills the child. The child itself then runs in the shell's place, on the same
    /// pid, with its input from /dev/null; a subshell left after the child has exited by itself is an orphan and kills
    /// nothing: disposing the child ends it (the script's first line on standard error gives its pid,
    /// <see cref="WatchLinePrefix"/>). The subshell keeps none of the child's output open, so the end of the child's
    /// output is the end of the child. Killing the child's process tree takes it too.
    /// </summary>
    internal const string OrphanWatch = """
        exec 3<&0
        {
          while read -r _ <&3; do :; done
          read -r _ _ _ parent _ < /proc/self/stat
          if [ "$parent" = "$$" ]; then kill -KILL "$$"; fi
        } >/dev/null 2>&1 &
        echo "chaos-orphan-watch $!" >&2
        exec "$@" 0</dev/null 3<&-
        """;

    /// <summary>The start of the line <see cref="OrphanWatch"/> writes first on standard error, before the watch's pid; not logged.</summary>
    internal const string WatchLinePrefix = "chaos-orphan-watch ";
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly Queue<string> _recent = new();
    private bool _disposed;
    private bool _logClosed;
    private int? _watchId;

    private ChildProcess(string name, Process process, StreamWriter log, string logPath)
    {
        Name = name;
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    /// <summary>Gets what the process is, for messages (for example <c>the storefront</c>).</summary>
    public string Name { get; }

    /// <summary>Gets the file its output goes to.</summary>
    public string LogPath { get; }

    /// <summary>Gets the process id.</summary>
    public int Id => _process.Id;

    /// <summary>Gets the pid of the <see cref="OrphanWatch"/> subshell once the script has given it, or null (not Linux, or not yet).</summary>
    internal int? WatchId
    {
        get
        {
            lock (_gate)
            {
                return _watchId;
            }
        }
    }

    /// <summary>Gets a value indicating whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Waits until the process exits; returns its exit code.</summary>
    /// <param name="cancellationToken">Stops the wait (not the process).</param>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>Starts <c>dotnet <paramref name="assembly"/> <paramref name="arguments"/></c> in <paramref name="workingDirectory"/>.</summary>
    public static ChildProcess StartDotnet(string name, string assembly, IEnumerable<string> arguments, string workingDirectory, string logPath, IReadOnlyDictionary<string, string>? environment = null) =>
        Start(name, DotnetHost(), [assembly, .. arguments], workingDirectory, logPath, environment);

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/> (each one argument, no shell) in
    /// <paramref name="workingDirectory"/>; <c>dotnet</c> is the host this process runs on.
    /// </summary>
    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, string workingDirectory, string logPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        var executable = fileName == "dotnet" ? DotnetHost() : fileName;
        var watched = OperatingSystem.IsLinux() && File.Exists("/bin/sh");
        if (watched && Resolve(executable, workingDirectory) is null)
        {
            throw new InvalidOperationException($"Could not start {name} ({executable} {string.Join(' ', arguments)}): no such executable file (give its full path, or put its folder on PATH).");
        }

        var info = new ProcessStartInfo(watched ? "/bin/sh" : executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (watched)
        {
            foreach (var argument in (string[])["-c", OrphanWatch, "chaos-child", executable])
            {
                info.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process, log, logPath);
        process.OutputDataReceived += (_, e) => child.Record(e.Data);
        process.ErrorDataReceived += (_, e) => child.Record(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            log.Dispose();
            process.Dispose();
            throw new InvalidOperationException($"Could not start {name} ({info.FileName} {string.Join(' ', info.ArgumentList)}): {ex.Message}.", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += child.KillOnExit;
        return child;
    }

    /// <summary>
    /// Waits for a line of output that matches <paramref name="pattern"/> and returns its match; throws
    /// <see cref="InvalidOperationException"/> with the last lines of output if the process exits first or the timeout passes.
    /// </summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var start = time.GetTimestamp();
        var scanned = 0;
        while (true)
        {
            string[] fresh;
            lock (_gate)
            {
                fresh = _lines.Skip(scanned).ToArray();
                scanned = _lines.Count;
            }

            foreach (var line in fresh)
            {
                if (pattern.Match(line) is { Success: true } match)
                {
                    lock (_gate)
                    {
                        // Only start-up lines are ever waited for; the log file keeps everything.
                        _lines.Clear();
                        scanned = 0;
                    }

                    return match;
                }
            }

            if (_process.HasExited)
            {
                // Let the output readers deliver the last lines before reporting them.
                await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was ready. Its last lines (all of them in {LogPath}):{Environment.NewLine}{RecentOutput()}");
            }

            if (time.GetElapsedTime(start) > timeout)
            {
                throw new InvalidOperationException($"{Name} was not ready within {timeout.TotalSeconds:0}s. Its last lines (all of them in {LogPath}):{Environment.NewLine}{RecentOutput()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Gets the last lines of output, for an error message.</summary>
    public string RecentOutput() => string.Join(Environment.NewLine, RecentLines().Select(l => "  " + l));

    /// <summary>Gets the last lines of output.</summary>
    public IReadOnlyList<string> RecentLines()
    {
        lock (_gate)
        {
            return _recent.ToArray();
        }
    }

    /// <summary>Kills the process tree if it still runs and waits for it to exit.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(ExitTimeout);
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            await EndWatchAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            Record($"chaos: could not confirm that {Name} (pid {_process.Id}) exited: {ex.Message}");
        }
        finally
        {
            _process.Dispose();
            lock (_gate)
            {
                _logClosed = true;
                _log.Dispose();
            }
        }
    }

    /// <summary>The executable file <paramref name="fileName"/> names (a path, or a name found on PATH), or null.</summary>
    private static string? Resolve(string fileName, string workingDirectory)
    {
        if (fileName.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(fileName, workingDirectory);
            return IsExecutable(path) ? path : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, fileName))
            .FirstOrDefault(IsExecutable);
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    /// <summary>The <c>dotnet</c> host that runs this process, so children run on the same runtime.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        var executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } processPath && string.Equals(Path.GetFileName(processPath), executable, StringComparison.OrdinalIgnoreCase))
        {
            return processPath;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/ -> <root>/dotnet
        var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory());
        var root = runtime.Parent?.Parent?.Parent;
        var candidate = root is null ? null : Path.Combine(root.FullName, executable);
        return candidate is not null && File.Exists(candidate) ? candidate : executable;
    }

    /// <summary>
    /// Ends the orphan watch of a child that exited by itself (a killed tree took it already): it would otherwise
    /// outlive the child until this process closed the pipe, a moment later and unobserved.
    /// </summary>
    private async Task EndWatchAsync(CancellationToken cancellationToken)
    {
        if (WatchId is not { } watch || !IsWatch(watch))
        {
            return;
        }

        try
        {
            using var process = Process.GetProcessById(watch);
            process.Kill();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone already.
        }

        // Until it is gone or a zombie. Not IsWatch: an exiting process's cmdline reads empty before its state turns Z.
        // An operating-system process ends in real time, as ExitTimeout counts it.
        var killed = TimeProvider.System.GetTimestamp();
        while (IsRunning(watch) && TimeProvider.System.GetElapsedTime(killed) < ExitTimeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether <paramref name="pid"/> still looks like this child's watch: a running <c>/bin/sh -c</c> process.</summary>
    private static bool IsWatch(int pid)
    {
        try
        {
            return IsRunning(pid) && File.ReadAllText($"/proc/{pid}/cmdline").StartsWith("/bin/sh\0-c\0", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="pid"/> is a process that has not exited (neither gone nor a zombie).</summary>
    private static bool IsRunning(int pid) => ProcStat.FieldsAfterName(pid) is [var state, ..] && state is not ("Z" or "X");

    private void KillOnExit(object? sender, EventArgs e)
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_logClosed)
            {
                return;
            }

            if (_watchId is null && line.StartsWith(WatchLinePrefix, StringComparison.Ordinal)
                && int.TryParse(line.AsSpan(WatchLinePrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var watch))
            {
                _watchId = watch;
                return;
            }

            _log.WriteLine(line);
            if (_lines.Count < 10_000)
            {
                _lines.Add(line);
            }

            _recent.Enqueue(line);
            if (_recent.Count > KeptLines)
            {
                _recent.Dequeue();
            }
        }
    }
}
