using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Chaos.Engine.Load;
using Chaos.Engine.Systems;
using Chaos.Engine.Systems.Templates;

namespace Chaos.Engine.Journeys.Http;

/// <summary>
/// Runs the journeys of a system file over one <see cref="HttpClient"/> against the service's base URL: renders each
/// step's templates, sends it, classifies the answer, applies its captures, and stops at the first step that fails.
/// Every request of one journey carries the same new W3C <c>traceparent</c> trace id (a span id per request), and each
/// journey is recorded with its trace id in <see cref="Traces"/>.
/// </summary>
/// <remarks>
/// Outcomes mean what they mean for the storefront's journeys: a status in the step's <c>success</c> is a success; one
/// in its <c>degraded</c> (by default 503 or 429 with <c>Retry-After</c>) an honest <see cref="OutcomeKind.Degraded"/>;
/// any other an <see cref="OutcomeKind.HttpError"/>; the client-side request timeout a <see cref="OutcomeKind.Timeout"/>;
/// a refused, reset or closed connection a <see cref="OutcomeKind.ConnectionError"/>.
/// </remarks>
public sealed class HttpStepJourneys : IJourneyRunner, IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _client;
    private readonly HttpClient _codeClient;
    private readonly Dictionary<string, JourneyDefinition> _journeys;
    private readonly Dictionary<string, HttpJourney> _code;
    private readonly Dictionary<string, HttpMethod> _methods = new(StringComparer.Ordinal);
    private readonly string _runId;

    /// <summary>Initializes a new instance of the <see cref="HttpStepJourneys"/> class.</summary>
    /// <param name="journeys">The system file's journeys.</param>
    /// <param name="service">The service's base URL; step paths are appended to it.</param>
    /// <param name="runId">The run's id, for <c>{{run.id}}</c>.</param>
    /// <param name="requestTimeout">The client-side timeout of each request.</param>
    /// <param name="maxConnections">The bound on connections to the service.</param>
    /// <param name="traces">Where each journey is recorded with its trace id; a fresh ledger when null.</param>
    /// <param name="handler">The handler to send through (tests); by default a <see cref="SocketsHttpHandler"/> that leaves the journey's trace context as it is.</param>
    /// <param name="code">Journeys written in C#, by name; one of the same name as a system file's journey replaces it.</param>
    public HttpStepJourneys(
        IReadOnlyList<JourneyDefinition> journeys,
        Uri service,
        string runId,
        TimeSpan requestTimeout,
        int maxConnections,
        JourneyTraceLedger? traces = null,
        HttpMessageHandler? handler = null,
        IReadOnlyDictionary<string, HttpJourney>? code = null)
    {
        ArgumentNullException.ThrowIfNull(journeys);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(runId);
        _journeys = journeys.ToDictionary(j => j.Name, StringComparer.Ordinal);
        _code = code is null ? [] : new Dictionary<string, HttpJourney>(code, StringComparer.Ordinal);
        foreach (var method in journeys.SelectMany(j => j.Steps).Select(s => s.Method).Distinct(StringComparer.Ordinal))
        {
            _methods[method] = new HttpMethod(method);
        }

        _runId = runId;
        Traces = traces ?? new JourneyTraceLedger();
        var sockets = handler ?? new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, maxConnections),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AllowAutoRedirect = false,
            // The journey's traceparent is the measurement: an Activity in this process must not replace it.
            ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
        };

        // Step paths start with '/'; they are joined to the base URL's own path (http://host/api/ + /payments).
        var baseAddress = service.AbsoluteUri.EndsWith('/') ? service : new Uri(service.AbsoluteUri + "/");
        _client = new HttpClient(sockets) { BaseAddress = baseAddress, Timeout = requestTimeout };
        _codeClient = new HttpClient(new TraceParentHandler(sockets), disposeHandler: false) { BaseAddress = baseAddress, Timeout = requestTimeout };
    }

    /// <summary>Gets the journeys this runner knows: the system file's in file order, then those written in C#.</summary>
    public IReadOnlyList<string> Names => [.. _journeys.Keys.Where(n => !_code.ContainsKey(n)), .. _code.Keys];

    /// <summary>Gets where each journey is recorded with its trace id.</summary>
    public JourneyTraceLedger Traces { get; }

    /// <inheritdoc />
    public async ValueTask<JourneyResult> RunAsync(string journey, VirtualUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (_code.TryGetValue(journey, out var code))
        {
            return await RunCodeAsync(journey, code, user, cancellationToken).ConfigureAwait(false);
        }

        if (!_journeys.TryGetValue(journey, out var definition))
        {
            return new JourneyResult(OutcomeKind.HttpError, 0, $"unknown journey '{journey}'");
        }

        var traceId = TraceContext.NewTraceId(user.Random);
        var scope = new TemplateScope(_runId, user.Id, user.Random, traceId, definition.CaptureSlots);
        var result = JourneyResult.Ok();
        foreach (var step in definition.Steps)
        {
            result = await RunStepAsync(step, scope, traceId, cancellationToken).ConfigureAwait(false);
            if (result.Outcome != OutcomeKind.Success)
            {
                break;
            }
        }

        Traces.Record(new JourneyTrace(journey, traceId, user.Id, result.Outcome, result.StatusCode, result.Detail));
        return result;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _codeClient.Dispose();
        _client.Dispose();
    }

    /// <summary>Runs a C# journey with the journey's trace context on every request it sends; what it throws is its failure.</summary>
    private async ValueTask<JourneyResult> RunCodeAsync(string journey, HttpJourney code, VirtualUser user, CancellationToken cancellationToken)
    {
        var traceId = TraceContext.NewTraceId(user.Random);
        var previous = TraceParentHandler.Current.Value;
        TraceParentHandler.Current.Value = new JourneyTraceScope(traceId, new Random(user.Random.Next()));
        JourneyResult result;
        try
        {
            result = await code(_codeClient, user, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = new JourneyResult(OutcomeKind.Timeout, 0, $"{journey}: request timed out");
        }
        catch (HttpRequestException ex)
        {
            result = new JourneyResult(OutcomeKind.ConnectionError, 0, $"{journey}: {ex.HttpRequestError}");
        }
#pragma warning disable CA1031 // A journey's bug is its failure, recorded with the run; it must not stop the load.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            result = new JourneyResult(OutcomeKind.HttpError, 0, $"{journey}: threw {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            TraceParentHandler.Current.Value = previous;
        }

        Traces.Record(new JourneyTrace(journey, traceId, user.Id, result.Outcome, result.StatusCode, result.Detail));
        return result;
    }

    private async ValueTask<JourneyResult> RunStepAsync(JourneyStep step, TemplateScope scope, string traceId, CancellationToken cancellationToken)
    {
        try
        {
            using var request = BuildRequest(step, scope, traceId);
            using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            if (step.Success.Contains(code))
            {
                return step.Captures.Count == 0
                    ? JourneyResult.Ok(code)
                    : await CaptureAsync(step, response, scope, cancellationToken).ConfigureAwait(false);
            }

            var degraded = step.Degraded?.Contains(code)
                ?? (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests && response.Headers.RetryAfter is not null);
            return new JourneyResult(degraded ? OutcomeKind.Degraded : OutcomeKind.HttpError, code, $"{step.Name}: {code}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new JourneyResult(OutcomeKind.Timeout, 0, $"{step.Name}: request timed out");
        }
        catch (HttpRequestException ex)
        {
            return new JourneyResult(OutcomeKind.ConnectionError, 0, $"{step.Name}: {ex.HttpRequestError}");
        }
    }

    private HttpRequestMessage BuildRequest(JourneyStep step, TemplateScope scope, string traceId)
    {
        var path = step.Path.Render(scope);
        var request = new HttpRequestMessage(_methods[step.Method], new Uri(path.TrimStart('/'), UriKind.Relative));
        request.Headers.TryAddWithoutValidation(TraceContext.Header, TraceContext.TraceParent(traceId, scope.Random));
        if (step.Body is { } body)
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            body.WriteTo(scope, buffer);
            request.Content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
            request.Content.Headers.ContentType = Json;
        }

        foreach (var (name, value) in step.Headers)
        {
            var text = value.Render(scope);
            if (!request.Headers.TryAddWithoutValidation(name, text) && request.Content is not null)
            {
                // Content headers (Content-Type) belong to the body.
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, text);
            }
        }

        return request;
    }

    private static async ValueTask<JourneyResult> CaptureAsync(JourneyStep step, HttpResponseMessage response, TemplateScope scope, CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        JsonDocument document;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                document = await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException)
        {
            return new JourneyResult(OutcomeKind.HttpError, code, $"{step.Name}: the answer is not JSON, so {step.Captures[0].Name} cannot be captured");
        }

        using (document)
        {
            foreach (var capture in step.Captures)
            {
                if (!capture.Path.TryEvaluate(document.RootElement, out var value))
                {
                    return new JourneyResult(OutcomeKind.HttpError, code, $"{step.Name}: capture {capture.Name}: {capture.Path} is not in the answer");
                }

                scope.SetCaptured(capture.Slot, value!);
            }
        }

        return JourneyResult.Ok(code);
    }
}
