using System.Diagnostics;
using System.Globalization;
using System.Net;
using Chaos.Engine.Load;
using Chaos.Engine.Metrics;
using Chaos.Engine.Running;
using Chaos.Engine.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chaos.Cli.Agents;

/// <summary>
/// The coordinator of a run whose load comes from agents (<c>chaos run --agents N</c>): a small HTTP endpoint that gives
/// agent <c>i</c> its assignment (the scenario and the system file it names, segment <c>i</c> of <c>N</c>, the service's URL), holds every agent at a
/// start barrier until all are ready and then gives them one start instant, and takes their results, which
/// <see cref="CollectAsync"/> merges into the run's recorder and ledgers. An agent that fails, never comes or never
/// reports makes the run a harness error naming it.
/// </summary>
/// <remarks>
/// Routes: <c>GET agents/{i}/assignment</c>, <c>GET agents/{i}/clock</c> (the coordinator's time, for the agent's clock
/// offset), <c>POST agents/{i}/ready</c>, <c>POST agents/{i}/progress</c> (about once a second, for the live view), <c>GET agents/{i}/start</c> (long poll: 204
/// until every agent is ready), <c>POST agents/{i}/results</c>, <c>POST agents/{i}/failed</c>.
/// </remarks>
internal sealed class AgentCoordinator : ILoadAgents, IAsyncDisposable
{
    /// <summary>How far ahead of "all ready" the start instant is, so that every agent hears it before it comes.</summary>
    internal static readonly TimeSpan StartLead = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(20);

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Func<int, AgentAssignment> _assignment;
    private readonly TimeSpan _timeout;
    private readonly Slot[] _slots;
    private readonly TaskCompletionSource<DateTimeOffset> _startAt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _loadEnd;
    private IReadOnlyList<string> _journeys = [];

    private AgentCoordinator(WebApplication app, int count, Func<int, AgentAssignment> assignment, TimeSpan timeout, TimeProvider time)
    {
        _app = app;
        _time = time;
        _assignment = assignment;
        _timeout = timeout;
        _slots = [.. Enumerable.Range(0, count).Select(_ => new Slot())];
    }

    /// <summary>Gets the coordinator's base URL, for example <c>http://127.0.0.1:7700/</c>.</summary>
    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Gets the number of agents.</summary>
    public int Count => _slots.Length;

    /// <summary>
    /// Gets each agent's clock offset to the coordinator and its round trip, as the agents measured them, and when its load
    /// started against the start instant on the coordinator's clock (<see cref="AgentResult.StartLagMs"/>), once they reported.
    /// </summary>
    public IReadOnlyList<(int Index, TimeSpan Offset, TimeSpan RoundTrip, TimeSpan StartLag)> ClockOffsets =>
        [.. _slots.Where(s => s.Result.Task.IsCompletedSuccessfully).Select(s => s.Result.Task.Result)
            .Select(r => (r.Index, TimeSpan.FromMilliseconds(r.ClockOffsetMs), TimeSpan.FromMilliseconds(r.ClockRoundTripMs), TimeSpan.FromMilliseconds(r.StartLagMs)))];

    /// <summary>Gets how long the last merge took (the agents' recorders imported, their ledgers added).</summary>
    public TimeSpan MergeDuration { get; private set; }

    /// <summary>
    /// Starts the coordinator on <paramref name="address"/>:<paramref name="port"/> (port 0: a free one) for
    /// <paramref name="count"/> agents.
    /// </summary>
    /// <param name="address">The address to bind to (never all interfaces by default: 127.0.0.1, or a host's own address).</param>
    /// <param name="port">The port.</param>
    /// <param name="count">The number of agents.</param>
    /// <param name="assignment">Agent <c>i</c>'s assignment.</param>
    /// <param name="timeout">How long an agent may take to come to the barrier, and to report after the load should have ended.</param>
    /// <param name="time">The run's clock.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<AgentCoordinator> StartAsync(IPAddress address, int port, int count, Func<int, AgentAssignment> assignment, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options =>
        {
            options.Listen(address, port);

            // Results of a long run at a high rate are a few megabytes of JSON.
            options.Limits.MaxRequestBodySize = 512L * 1024 * 1024;
        });
        builder.Services.Configure<JsonOptions>(options =>
        {
            foreach (var converter in AgentJson.Options.Converters)
            {
                options.SerializerOptions.Converters.Add(converter);
            }
        });
        var app = builder.Build();
        var coordinator = new AgentCoordinator(app, count, assignment, timeout, time);

        // A route that throws answers its exception's message, so the agent's harness error says what went wrong here.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = async context =>
            {
                var failure = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsJsonAsync(new AgentRefusal($"the coordinator failed on {context.Request.Path}: {failure?.GetType().Name}: {failure?.Message}"), AgentJson.Options).ConfigureAwait(false);
            },
        });
        coordinator.Map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        coordinator.Url = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return coordinator;
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset> StartAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        _journeys = [.. scenario.Load.AllJourneys];
        var ready = Task.WhenAll(_slots.Select(s => s.Ready.Task));
        var failed = Task.WhenAny(_slots.Select(s => s.Failed.Task));
        try
        {
            await Task.WhenAny(ready, failed).WaitAsync(_timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Named below.
        }

        ThrowIfFailed();
        var missing = _slots.Select((slot, i) => (slot, i)).Where(s => !s.slot.Ready.Task.IsCompleted).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"{Describe(missing.Select(m => m.i))} never came to the start barrier within {_timeout.TotalSeconds:0.#} s of {Url} (")
                + string.Join("; ", missing.Select(m => m.slot.Assigned ? $"agent {m.i} took its assignment but never became ready" : $"agent {m.i} never asked for its assignment"))
                + "); start every agent with `chaos agent --coordinator " + Url + " --index I`, or raise --agent-timeout.");
        }

        var startAt = _time.GetUtcNow() + StartLead;

        // An agent's load ends with the last phase and its drain of journeys in flight (as the runner's own engine).
        _loadEnd = startAt + TimeSpan.FromTicks(scenario.Load.Phases.Sum(p => p.Duration.Ticks)) + (scenario.Load.RequestTimeout * 3);
        _startAt.TrySetResult(startAt);
        return startAt;
    }

    /// <inheritdoc />
    public async Task<LoadRunSummary> CollectAsync(RunRecorder recorder, ITargetRun run, CancellationToken cancellationToken)
    {
        var all = Task.WhenAll(_slots.Select(s => s.Result.Task));
        var failed = Task.WhenAny(_slots.Select(s => s.Failed.Task));
        var wait = _loadEnd + _timeout - _time.GetUtcNow();
        try
        {
            await Task.WhenAny(all, failed).WaitAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Named below.
        }

        ThrowIfFailed();
        var missing = _slots.Select((slot, i) => (slot, i)).Where(s => !s.slot.Result.Task.IsCompleted).Select(s => s.i).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{Describe(missing)} never reported results within {_timeout.TotalSeconds:0.#} s of the end of its load; nothing is judged on partial data. See the agent's log, or raise --agent-timeout."));
        }

        var results = _slots.Select(s => s.Result.Task.Result).ToArray();
        var merging = _time.GetTimestamp();
        foreach (var result in results)
        {
            try
            {
                recorder.Import(result.Recorder);
                if (result.Ledgers is { } ledgers && run is IAgentLedgers target)
                {
                    target.AddAgentLedgers(ledgers);
                }
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidOperationException($"agent {result.Index} of {Count} sent results that cannot be merged: {ex.Message}", ex);
            }
        }

        MergeDuration = _time.GetElapsedTime(merging);
        var elapsed = TimeSpan.FromSeconds(results.Max(r => r.ElapsedSeconds));
        var started = results.Sum(r => r.Started);
        var loadSeconds = Math.Max(1e-9, results.Max(r => r.ElapsedSeconds));
        return new LoadRunSummary(results.Sum(r => r.Scheduled), started, results.Sum(r => r.Dropped), elapsed, started / loadSeconds, results[0].TargetRate);
    }

    /// <inheritdoc />
    /// <remarks>Rates, journeys in flight and completed are summed; the window's percentiles come from the agents' last seconds merged, never averaged.</remarks>
    public AgentsProgress? Progress()
    {
        var latest = _slots.Select(s => s.Progress).OfType<AgentProgress>().ToArray();
        if (latest.Length == 0 || _journeys.Count == 0)
        {
            return null;
        }

        var recent = new RunRecorder(_journeys);
        foreach (var progress in latest)
        {
            try
            {
                recent.Import(progress.Recent);
            }
            catch (InvalidDataException)
            {
                // A progress report is for the live view only; the results are checked when they are merged.
            }
        }

        var lead = latest.MaxBy(p => p.Tick.Elapsed)!.Tick;
        var tick = lead with
        {
            AchievedRate = latest.Sum(p => p.Tick.AchievedRate),
            InFlight = latest.Sum(p => p.Tick.InFlight),
            Completed = latest.Sum(p => p.Tick.Completed),
            Succeeded = latest.Sum(p => p.Tick.Succeeded),
            P99Seconds = recent.Summarize(null, lead.Elapsed - TimeSpan.FromSeconds(5), lead.Elapsed).P99Seconds,
        };
        var errors = latest.SelectMany(p => p.ErrorsSoFar).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value));
        return new AgentsProgress(tick, recent, errors);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Agents waiting at the barrier hear that the run is over.
        _startAt.TrySetCanceled();
        try
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Marks an agent this process started as failed when its process exits before it reported.</summary>
    /// <param name="index">The agent.</param>
    /// <param name="message">Why, with its exit code and last lines.</param>
    public void AgentExited(int index, string message)
    {
        if (!_slots[index].Result.Task.IsCompleted)
        {
            _slots[index].Failed.TrySetResult(new AgentFailure(index, message));
        }
    }

    private string Describe(IEnumerable<int> agents) => string.Join(", ", agents.Select(i => $"agent {i} of {Count}"));

    private void ThrowIfFailed()
    {
        var failures = _slots.Where(s => s.Failed.Task.IsCompleted).Select(s => s.Failed.Task.Result).ToArray();
        if (failures.Length > 0)
        {
            throw new InvalidOperationException(string.Join("; ", failures.Select(f => $"agent {f.Index} of {Count} failed: {f.Message}")));
        }
    }

    private void Map(WebApplication app)
    {
        var agents = app.MapGroup("agents/{index:int}");
        agents.MapGet("assignment", (int index) =>
        {
            if (Refuse(index) is { } refusal)
            {
                return refusal;
            }

            _slots[index].Assigned = true;
            return Results.Json(_assignment(index), AgentJson.Options);
        });
        agents.MapGet("clock", (int index) => Refuse(index) ?? Results.Json(new AgentClock(_time.GetUtcNow()), AgentJson.Options));
        agents.MapPost("ready", (int index) =>
        {
            if (Refuse(index) is { } refusal)
            {
                return refusal;
            }

            _slots[index].Ready.TrySetResult();
            return Results.NoContent();
        });
        agents.MapGet("start", async (int index, CancellationToken cancellationToken) =>
        {
            if (Refuse(index) is { } refusal)
            {
                return refusal;
            }

            try
            {
                var startAt = await _startAt.Task.WaitAsync(LongPoll, _time, cancellationToken).ConfigureAwait(false);
                return Results.Json(new AgentStart(startAt), AgentJson.Options);
            }
            catch (TimeoutException)
            {
                return Results.NoContent();
            }
            catch (TaskCanceledException) when (_startAt.Task.IsCanceled)
            {
                return Results.Json(new AgentRefusal("the run ended before the load started; this agent has nothing to do."), AgentJson.Options, statusCode: StatusCodes.Status410Gone);
            }
        });
        agents.MapPost("progress", (int index, AgentProgress progress) =>
        {
            if (Refuse(index) is { } refusal)
            {
                return refusal;
            }

            _slots[index].Progress = progress with { Index = index };
            return Results.NoContent();
        });
        agents.MapPost("results", (int index, AgentResult result) =>
        {
            if (Refuse(index) is { } refusal)
            {
                return refusal;
            }

            _slots[index].Result.TrySetResult(result with { Index = index });
            return Results.NoContent();
        });
        agents.MapPost("failed", (int index, AgentFailure failure) =>
        {
            if (Refuse(index) is { } refusal)
            {
                return refusal;
            }

            _slots[index].Failed.TrySetResult(failure with { Index = index });
            return Results.NoContent();
        });
    }

    private IResult? Refuse(int index) => index < 0 || index >= Count
        ? Results.Json(
            new AgentRefusal(string.Create(CultureInfo.InvariantCulture, $"agent index {index} is not one of this run's {Count} agents (0 to {Count - 1}); pass --index below {Count}, or run with --agents {index + 1} or more.")),
            AgentJson.Options,
            statusCode: StatusCodes.Status404NotFound)
        : null;

    [DebuggerDisplay("assigned {Assigned}")]
    private sealed class Slot
    {
        public volatile bool Assigned;

        public volatile AgentProgress? Progress;

        public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<AgentResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<AgentFailure> Failed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
