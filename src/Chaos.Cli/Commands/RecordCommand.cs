using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using Chaos.Cli.Hosting;
using Chaos.Engine.Journeys.Http;
using Chaos.Engine.Load;
using Spectre.Console;

namespace Chaos.Cli.Commands;

/// <summary>
/// <c>chaos record --system FILE --dependency NAME=URL...</c>: records the healthy behaviour of real dependencies as
/// WireMock.Net JSON mappings. Each named dependency gets a WireMock.Net proxy in front of its real URL, the service is
/// started as <c>chaos run</c> starts it and pointed at the proxies (the other dependencies at their simulators), the
/// system file's journeys run <c>--journeys</c> times each (or the user drives the service until Ctrl-C with
/// <c>--manual</c>), the service is stopped, and the answers are written as <c>&lt;dependency&gt;.recorded.json</c> into
/// the dependency's <c>mappings:</c> folder (or <c>--out</c>).
/// </summary>
internal static class RecordCommand
{
    /// <summary>How many times each journey runs by default.</summary>
    public const int DefaultJourneys = 3;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The settings of one recording.</summary>
    /// <param name="SystemPath">The system file.</param>
    /// <param name="Dependencies">The dependencies to record, each as <c>NAME=URL</c>.</param>
    /// <param name="Journeys">How many times each journey runs; null for <see cref="DefaultJourneys"/>.</param>
    /// <param name="Manual">Wait until Ctrl-C while the user drives the service, instead of running the journeys.</param>
    /// <param name="OutDirectory">Where the mapping files go; null for each dependency's <c>mappings:</c> folder.</param>
    public sealed record Settings(string SystemPath, IReadOnlyList<string> Dependencies, int? Journeys = null, bool Manual = false, string? OutDirectory = null);

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var system = new Option<string>("--system") { Description = "The service's system file (scenarios/README.md, \"The system file\").", Required = true };
        var dependency = new Option<string[]>("--dependency")
        {
            Description = "NAME=URL: record the dependency NAME of the system file from its real URL, for example bank=http://127.0.0.1:8080 (repeatable).",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var journeys = new Option<int?>("--journeys") { Description = $"How many times to run each journey of the system file. Default: {DefaultJourneys}." };
        var manual = new Option<bool>("--manual") { Description = "Run no journey: print the service's URL and record while you drive it, until Ctrl-C." };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for the mapping files. Default: each dependency's mappings: folder." };
        var command = new Command("record", "Record the healthy answers of real dependencies (through WireMock.Net proxies) as mapping files for later runs.")
        {
            system, dependency, journeys, manual, output,
        };
        return command.RunsOnTheSystemClock(
            result => new Settings(result.GetRequiredValue(system), result.GetValue(dependency) ?? [], result.GetValue(journeys), result.GetValue(manual), result.GetValue(output)),
            (parsed, time, cancellationToken) => ExecuteAsync(parsed, console, error, time, cancellationToken));
    }

    /// <summary>Records; returns the exit code: 0 every journey succeeded and every dependency was called, 1 the recording is incomplete (nothing written when a journey failed), 2 bad input, 3 a real dependency or the service could not be reached or started.</summary>
    public static async Task<int> ExecuteAsync(Settings settings, IAnsiConsole console, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Upstreams(settings.Dependencies, error) is not { } upstreams)
        {
            return ExitCodes.Invalid;
        }

        if (settings.Manual && settings.Journeys is not null)
        {
            error.WriteLine("--manual and --journeys exclude each other: --manual runs no journey; leave out one of them.");
            return ExitCodes.Invalid;
        }

        var repeats = settings.Journeys ?? DefaultJourneys;
        if (repeats < 1)
        {
            error.WriteLine($"--journeys {repeats}: must be at least 1; use --journeys {DefaultJourneys} to run each journey {DefaultJourneys} times.");
            return ExitCodes.Invalid;
        }

        // An unknown name is named first: the recorded dependencies' mappings folders may be empty, the others' not.
        if (File.Exists(settings.SystemPath) && RecordingSystemFile.DependencyNames(settings.SystemPath) is { } names
            && upstreams.Keys.FirstOrDefault(n => !names.Contains(n)) is { } unknown)
        {
            error.WriteLine($"--dependency {unknown}={upstreams[unknown]}: {settings.SystemPath} has no dependency {unknown}; "
                + (names.Count == 0 ? "it has none." : $"its dependencies are {string.Join(", ", names)}."));
            return ExitCodes.Invalid;
        }

        if (RecordingSystemFile.Load(settings.SystemPath, upstreams.Keys, error) is not { } file)
        {
            return ExitCodes.Invalid;
        }

        var system = file.System;
        foreach (var name in upstreams.Keys)
        {
            if (system.Dependency(name) is null)
            {
                var known = system.Dependencies.Count == 0 ? "it has none" : "its dependencies are " + string.Join(", ", system.Dependencies.Select(d => d.Name));
                error.WriteLine($"--dependency {name}={upstreams[name]}: {settings.SystemPath} has no dependency {name}; {known}.");
                return ExitCodes.Invalid;
            }
        }

        if (system.Service.Url is { } url)
        {
            error.WriteLine($"{settings.SystemPath}: service: {system.Name} is reached at {url}, which Chaos does not start, so it cannot point it at the recording proxies; "
                + "let Chaos start it (service: command:) to record.");
            return ExitCodes.Invalid;
        }

        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in upstreams.Keys)
        {
            var folder = settings.OutDirectory is { } outDirectory ? Path.GetFullPath(outDirectory) : file.MappingFolders.GetValueOrDefault(name);
            if (folder is null)
            {
                error.WriteLine($"{settings.SystemPath}: dependencies.{name}.mappings names files, not a folder, so a recording there would not be served; "
                    + $"point mappings: at a folder, or pass --out DIR and add DIR/{name}.recorded.json to mappings:.");
                return ExitCodes.Invalid;
            }

            targets[name] = Path.Combine(folder, $"{name}.recorded.json");
        }

        foreach (var (name, upstream) in upstreams)
        {
            if (await UnreachableAsync(upstream, time, cancellationToken).ConfigureAwait(false) is { } reason)
            {
                error.WriteLine($"--dependency {name}={upstream}: nothing answers there ({reason}); start the real {name} or fix the URL, then record again. Nothing was started.");
                return ExitCodes.HarnessError;
            }
        }

        var serviceLog = Path.GetFullPath(Path.Combine("chaos-results", "record-" + system.Name, time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture), "service.log"));
        console.WriteLine($"recording {string.Join(", ", upstreams.Select(u => $"{u.Key} ({u.Value})"))} for {system.Name}; service log {serviceLog}");
        RecordingSession session;
        try
        {
            session = await RecordingSession.StartAsync(system, upstreams, serviceLog, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or SocketException or HttpRequestException)
        {
            error.WriteLine($"harness error: could not start {system.Name} or its recording proxies: {ex.Message}");
            return ExitCodes.HarnessError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine($"harness error: the recording was cancelled while {system.Name} was starting; it is stopped, nothing was written.");
            return ExitCodes.HarnessError;
        }

        var complete = true;
        await using (session.ConfigureAwait(false))
        {
            if (settings.Manual)
            {
                console.WriteLine($"{system.Name} is at {session.BaseUrl}; drive it, then press Ctrl-C to stop it and write the recording.");
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C ends a manual recording: what was recorded is written below.
                }
            }
            else
            {
                try
                {
                    complete = await RunJourneysAsync(system, session.BaseUrl, repeats, console, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    error.WriteLine($"harness error: the recording was cancelled; {system.Name} is stopped, nothing was written.");
                    return ExitCodes.HarnessError;
                }
            }
        }

        if (!complete)
        {
            // An answer recorded from an unhealthy moment would replace a healthy recording; keep what is there.
            error.WriteLine($"Nothing written: a journey did not succeed, and a recording is meant to hold {system.Name}'s dependencies' healthy answers; "
                + $"check the service's log ({serviceLog}) and the real dependencies, then record again.");
            return ExitCodes.Fail;
        }

        // The service is stopped: nothing more arrives at the recorders.
        foreach (var recorder in session.Recorders)
        {
            var recorded = recorder.RecordedMappings();
            if (recorded.Calls == 0)
            {
                complete = false;
                error.WriteLine($"--dependency {recorder.Name}: {system.Name} made no call to {recorder.Name} ({recorder.Upstream}); nothing written for it. "
                    + "Check that its journeys reach the dependency (the service's log: " + serviceLog + ").");
                continue;
            }

            recorded.WriteTo(targets[recorder.Name]);
            console.WriteLine($"{recorder.Name}: {recorded.Calls} call(s) recorded as {recorded.Mappings.Count} mapping(s) in {targets[recorder.Name]}");
            var others = Directory.GetFiles(Path.GetDirectoryName(targets[recorder.Name])!, "*.json")
                .Where(f => !string.Equals(Path.GetFullPath(f), targets[recorder.Name], StringComparison.Ordinal))
                .Select(Path.GetFileName)
                .ToArray();
            if (others.Length > 0)
            {
                console.WriteLine($"  note: that folder also holds {string.Join(", ", others)}, which a run serves beside the recording; remove what the recording replaces.");
            }
        }

        return complete ? ExitCodes.Pass : ExitCodes.Fail;
    }

    /// <summary>Runs each journey of the system file <paramref name="repeats"/> times, one after another; false when one did not succeed.</summary>
    private static async Task<bool> RunJourneysAsync(Chaos.Engine.Systems.SystemDefinition system, Uri baseUrl, int repeats, IAnsiConsole console, CancellationToken cancellationToken)
    {
        using var journeys = new HttpStepJourneys(system.Journeys, baseUrl, "record", RequestTimeout, maxConnections: 1);
        var allSucceeded = true;
        foreach (var journey in system.Journeys)
        {
            var failures = new List<string>();
            for (var i = 0; i < repeats; i++)
            {
                var result = await journeys.RunAsync(journey.Name, new VirtualUser(i, planSeed: 1), cancellationToken).ConfigureAwait(false);
                if (result.Outcome != OutcomeKind.Success)
                {
                    failures.Add($"{result.Outcome}: {result.Detail}");
                }
            }

            allSucceeded &= failures.Count == 0;
            console.WriteLine(failures.Count == 0
                ? $"  {journey.Name}: {repeats} of {repeats} succeeded"
                : $"  {journey.Name}: {repeats - failures.Count} of {repeats} succeeded; {string.Join("; ", failures.Distinct(StringComparer.Ordinal))} (a recording is meant to hold healthy answers)");
        }

        return allSucceeded;
    }

    /// <summary>Why nothing accepts a TCP connection at <paramref name="upstream"/>, or null when something does.</summary>
    private static async Task<string?> UnreachableAsync(Uri upstream, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(upstream.Host, upstream.Port, linked.Token).ConfigureAwait(false);
            return null;
        }
        catch (SocketException ex)
        {
            return ex.Message.TrimEnd('.');
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return "no connection within 5 s";
        }
    }

    /// <summary>The <c>--dependency NAME=URL</c> values by name; null, with the value and the fix written, when one is malformed.</summary>
    private static Dictionary<string, Uri>? Upstreams(IReadOnlyList<string> values, TextWriter error)
    {
        var upstreams = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error.WriteLine($"--dependency {value}: expected NAME=URL, like bank=http://127.0.0.1:8080 (NAME as the system file's dependencies: name it).");
                return null;
            }

            var name = value[..equals];
            var text = value[(equals + 1)..];
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                error.WriteLine($"--dependency {value}: \"{text}\" is not an http(s) URL; pass the real dependency's base URL, like {name}=http://127.0.0.1:8080.");
                return null;
            }

            if (!upstreams.TryAdd(name, uri))
            {
                error.WriteLine($"--dependency {value}: {name} is given twice; pass one URL per dependency.");
                return null;
            }
        }

        return upstreams;
    }
}
