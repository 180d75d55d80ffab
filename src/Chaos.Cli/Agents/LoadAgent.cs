using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chaos.Engine.Journeys.Http;
using Chaos.Engine.Load;
using Chaos.Engine.Metrics;
using Chaos.Engine.Running;
using Chaos.Engine.Scenarios;
using Chaos.Engine.Systems;
using Chaos.Targets.Storefront;

namespace Chaos.Cli.Agents;

/// <summary>
/// One load agent (<c>chaos agent</c>): takes its assignment from the coordinator, prepares the journeys of the
/// scenario's target (the storefront's, or those of the system file the coordinator sent), waits at the start barrier for
/// the instant the coordinator gives, runs its execution segment of the scenario's load against the service by URL, and
/// posts its recorder (counts and HdrHistogram interval log) and ledgers (the storefront's orders and probes, or the
/// system journeys' trace ids).
/// </summary>
internal sealed class LoadAgent
{
    private readonly Uri _coordinator;
    private readonly int _index;
    private readonly Uri? _serviceOverride;
    private readonly TimeSpan _connectTimeout;
    private readonly TextWriter _output;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;

    public LoadAgent(Uri coordinator, int index, Uri? serviceOverride, TimeSpan connectTimeout, TextWriter output, TimeProvider time)
    {
        _coordinator = coordinator.AbsoluteUri.EndsWith('/') ? coordinator : new Uri(coordinator.AbsoluteUri + "/");
        _index = index;
        _serviceOverride = serviceOverride;
        _connectTimeout = connectTimeout;
        _output = output;
        _time = time;
        _http = new HttpClient { BaseAddress = _coordinator, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>Runs the agent; returns the exit code (0 results posted, 2 refused by the coordinator, 3 harness error).</summary>
    /// <exception cref="AgentException">What went wrong, with the exit code; the message names the coordinator or the field.</exception>
    public async Task<int> RunAsync(int? expectedCount, CancellationToken cancellationToken)
    {
        using var http = _http;
        var assignment = await AssignmentAsync(cancellationToken).ConfigureAwait(false);
        if (expectedCount is { } count && count != assignment.Count)
        {
            throw new AgentException(ExitCodes.Invalid, $"--count {count}: the coordinator at {_coordinator} runs {assignment.Count} agents; pass --count {assignment.Count} or leave it out.");
        }

        try
        {
            return await RunAssignedAsync(assignment, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await ReportFailureAsync(ex.Message).ConfigureAwait(false);
            throw new AgentException(ExitCodes.HarnessError, $"agent {_index} of {assignment.Count}: {ex.Message}");
        }
    }

    private async Task<int> RunAssignedAsync(AgentAssignment assignment, CancellationToken cancellationToken)
    {
        var loaded = ScenarioLoader.Parse(assignment.ScenarioYaml, assignment.ScenarioPath, assignment.SystemYaml is { } systemYaml ? SystemLoadOptions.ForAgent(systemYaml) : null);
        if (!loaded.IsValid || loaded.Scenario is not { } scenario)
        {
            var errors = string.Join("; ", loaded.Errors.Select(e => e.ToString()));
            await ReportFailureAsync($"the scenario it was given is not valid here: {errors}").ConfigureAwait(false);
            throw new AgentException(ExitCodes.HarnessError, $"agent {_index}: the scenario from {_coordinator} is not valid: {errors}");
        }

        if (assignment.LoadScale != 1)
        {
            scenario = scenario with { Load = scenario.Load.Scaled(assignment.LoadScale) };
        }

        if (!ExecutionSegmentSequence.TryParse(assignment.Segments, out var sequence, out var error) || sequence!.Count != assignment.Count)
        {
            throw new InvalidOperationException($"the coordinator's segments '{assignment.Segments}' do not split the load into {assignment.Count}: {error}");
        }

        var segment = new LoadSegment(sequence, _index);
        var service = _serviceOverride ?? assignment.ServiceUrl;
        var journeyNames = scenario.Load.AllJourneys.ToArray();
        var epoch = _time.GetTimestamp();
        using var target = scenario.System is null ? (AgentTarget)new StorefrontAgentTarget(scenario, service, _time) : new SystemAgentTarget(scenario, service);
        await target.PrepareAsync(journeyNames, cancellationToken).ConfigureAwait(false);
        var clock = await ReadClockAsync(cancellationToken).ConfigureAwait(false);
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"agent {_index} of {assignment.Count}: clock offset to the coordinator {ClockSample.Format(clock.Offset)} (round trip {clock.RoundTrip.TotalMilliseconds:0.00} ms)"));
        _output.WriteLine($"agent {_index} of {assignment.Count}: {segment}, {(scenario.System is { } system ? system.Name : "storefront")} {service}; ready");
        (await _http.PostAsync(Route("ready"), null, cancellationToken).ConfigureAwait(false)).EnsureSuccessStatusCode();

        var startAt = await StartInstantAsync(cancellationToken).ConfigureAwait(false);
        // The instant is on the coordinator's clock; on this one it is that less the offset.
        var wait = startAt - clock.Offset - _time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }

        var recorder = new RunRecorder(journeyNames);
        var start = _time.GetTimestamp();
        var startLag = _time.GetUtcNow() + clock.Offset - startAt;
        var plan = LoadPlan.FromScenario(scenario) with { Segment = segment };
        var progress = new ProgressPoster(this, recorder);
        var load = await new LoadEngine(_time).RunAsync(plan, target.Journeys, recorder, cancellationToken, drainInFlight: scenario.Load.RequestTimeout * 3, onTick: progress.Post).ConfigureAwait(false);
        await progress.DisposeAsync().ConfigureAwait(false);
        var ledgers = target.Ledgers(_time.GetElapsedTime(epoch, start));
        var result = new AgentResult(_index, recorder.Export(), ledgers, load.Scheduled, load.Started, load.Dropped, load.Elapsed.TotalSeconds, load.TargetRate, clock.Offset.TotalMilliseconds, clock.RoundTrip.TotalMilliseconds, startLag.TotalMilliseconds);
        using (var posted = await _http.PostAsJsonAsync(Route("results"), result, AgentJson.Options, cancellationToken).ConfigureAwait(false))
        {
            posted.EnsureSuccessStatusCode();
        }

        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"agent {_index} of {assignment.Count}: {load.Started} journeys started ({load.Dropped} dropped) in {load.Elapsed.TotalSeconds:0.0} s, {load.AchievedRate:0.0}/s; results posted to {_coordinator}"));
        return ExitCodes.Pass;
    }

    /// <summary>Asks for the assignment, retrying while the coordinator is not up yet (a Kubernetes Job may start first).</summary>
    private async Task<AgentAssignment> AssignmentAsync(CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        while (true)
        {
            try
            {
                using var response = await _http.GetAsync(Route("assignment"), cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode && await RefusalAsync(response, cancellationToken).ConfigureAwait(false) is { } refusal)
                {
                    throw response.StatusCode == HttpStatusCode.NotFound
                        ? new AgentException(ExitCodes.Invalid, $"--index {_index}: {refusal}")
                        : new AgentException(ExitCodes.HarnessError, string.Create(CultureInfo.InvariantCulture, $"the coordinator at {_coordinator} answered {(int)response.StatusCode} to the assignment: {refusal}"));
                }

                response.EnsureSuccessStatusCode();
                return await response.Content.ReadFromJsonAsync<AgentAssignment>(AgentJson.Options, cancellationToken).ConfigureAwait(false)
                    ?? throw new AgentException(ExitCodes.HarnessError, $"the coordinator at {_coordinator} answered an empty assignment.");
            }
            catch (HttpRequestException ex) when (ex.StatusCode is null)
            {
                if (_time.GetElapsedTime(start) >= _connectTimeout)
                {
                    throw new AgentException(ExitCodes.HarnessError, string.Create(CultureInfo.InvariantCulture,
                        $"could not reach the coordinator at {_coordinator} within {_connectTimeout.TotalSeconds:0.#} s ({ex.Message}); check --coordinator, and that `chaos run --agents` listens there."));
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw new AgentException(ExitCodes.HarnessError, $"the coordinator at {_coordinator} refused the assignment: {ex.Message}");
            }
            catch (JsonException ex)
            {
                throw new AgentException(ExitCodes.HarnessError, $"{_coordinator} did not answer a chaos assignment ({ex.Message}); is --coordinator the URL `chaos run --agents` prints?");
            }
        }
    }

    /// <summary>Reads the coordinator's clock a few times and keeps the reading with the shortest round trip (<see cref="ClockSample"/>).</summary>
    private async Task<ClockSample> ReadClockAsync(CancellationToken cancellationToken)
    {
        const int Readings = 8;
        var samples = new List<ClockSample>(Readings);
        for (var i = 0; i < Readings; i++)
        {
            var sent = _time.GetUtcNow();
            var clock = await _http.GetFromJsonAsync<AgentClock>(Route("clock"), AgentJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"the coordinator at {_coordinator} answered an empty clock reading.");
            samples.Add(new ClockSample(sent, clock.Now, _time.GetUtcNow()));
        }

        return ClockSample.Best(samples);
    }

    /// <summary>Waits at the barrier: the coordinator answers once every agent is ready.</summary>
    private async Task<DateTimeOffset> StartInstantAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await _http.GetAsync(Route("start"), cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                continue;
            }

            if (response.StatusCode == HttpStatusCode.Gone)
            {
                throw new AgentException(ExitCodes.HarnessError, $"agent {_index}: {await RefusalAsync(response, cancellationToken).ConfigureAwait(false)}");
            }

            response.EnsureSuccessStatusCode();
            var start = await response.Content.ReadFromJsonAsync<AgentStart>(AgentJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"the coordinator at {_coordinator} answered an empty start.");
            return start.StartAt;
        }
    }

    private async Task ReportFailureAsync(string message)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var _ = await _http.PostAsJsonAsync(Route("failed"), new AgentFailure(_index, message), AgentJson.Options, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // The coordinator is gone too; the agent's own exit code and message say what happened.
        }
    }

    private static async Task<string?> RefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return (await response.Content.ReadFromJsonAsync<AgentRefusal>(AgentJson.Options, cancellationToken).ConfigureAwait(false))?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string Route(string action) => string.Create(CultureInfo.InvariantCulture, $"agents/{_index}/{action}");

    /// <summary>
    /// Posts the agent's progress for the coordinator's live view, about once a second: its engine's tick and its last
    /// seconds. A post still on its way when the next tick comes makes that tick skipped; a post that fails is dropped
    /// (the view misses a second; the results are what is judged).
    /// </summary>
    private sealed class ProgressPoster(LoadAgent agent, RunRecorder recorder) : IAsyncDisposable
    {
        private static readonly TimeSpan Window = TimeSpan.FromSeconds(6);
        private Task _posting = Task.CompletedTask;

        public void Post(LoadTick tick)
        {
            if (!_posting.IsCompleted)
            {
                return;
            }

            var errors = recorder.CountOutcomes(null, TimeSpan.Zero, tick.Elapsed + TimeSpan.FromSeconds(1)).Where(o => o.Key != OutcomeKind.Success && o.Value > 0).ToDictionary();
            var progress = new AgentProgress(agent._index, tick, recorder.Export(tick.Elapsed - Window), errors);
            _posting = SendAsync(progress);
        }

        public async ValueTask DisposeAsync() => await _posting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        private async Task SendAsync(AgentProgress progress)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var _ = await agent._http.PostAsJsonAsync(agent.Route("progress"), progress, AgentJson.Options, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // The live view misses this second.
            }
        }
    }

    /// <summary>The journeys an agent runs for its scenario's target, and the ledgers it sends back with its recorder.</summary>
    private abstract class AgentTarget : IDisposable
    {
        public abstract IJourneyRunner Journeys { get; }

        public virtual Task PrepareAsync(IReadOnlyList<string> journeys, CancellationToken cancellationToken) => Task.CompletedTask;

        /// <summary>The ledgers, in the target's JSON form.</summary>
        /// <param name="loadStart">When the load started, from the journeys' creation.</param>
        public abstract JsonElement Ledgers(TimeSpan loadStart);

        public abstract void Dispose();
    }

    /// <summary>The storefront's journeys; its ledgers are the orders placed and the probes made.</summary>
    private sealed class StorefrontAgentTarget : AgentTarget
    {
        private readonly OrderLedger _orders = new();
        private readonly AccessLedger _access = new();
        private readonly CartTamperLedger _tamper = new();
        private readonly StorefrontJourneys _journeys;

        public StorefrontAgentTarget(Scenario scenario, Uri storefront, TimeProvider time) =>
            _journeys = new StorefrontJourneys(storefront, _orders, scenario.Load.RequestTimeout, scenario.Load.MaxInFlight, scenario.Seed, time, _access, _tamper);

        public override IJourneyRunner Journeys => _journeys;

        public override Task PrepareAsync(IReadOnlyList<string> journeys, CancellationToken cancellationToken) => _journeys.PrepareAsync(journeys, cancellationToken);

        public override JsonElement Ledgers(TimeSpan loadStart) =>
            JsonSerializer.SerializeToElement(StorefrontLedgers.From(_orders, _access, _tamper, loadStart), AgentJson.Options);

        public override void Dispose() => _journeys.Dispose();
    }

    /// <summary>A system file's journeys; its ledgers are each journey's trace id, for the judgements from the simulators' journals.</summary>
    private sealed class SystemAgentTarget(Scenario scenario, Uri service) : AgentTarget
    {
        private readonly HttpStepJourneys _journeys = SystemRunTarget.JourneysFor(scenario, service);

        public override IJourneyRunner Journeys => _journeys;

        public override JsonElement Ledgers(TimeSpan loadStart) => SystemAgentLedgers.Export(_journeys.Traces);

        public override void Dispose() => _journeys.Dispose();
    }
}
