using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Chaos.Engine.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WireMock;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Util;

namespace Chaos.Simulators.Hosting;

/// <summary>
/// A WireMock.Net server bound to loopback whose routes are answered by callbacks that first ask the
/// dependency's <see cref="FaultInjector"/> what to inject, then render it (abort, hang, status, spoilt body,
/// latency) around serving the request, and journal the call. Host-level faults (host down, flapping) close and
/// reopen the port itself, which keeps its number: while it is closed a socket bound to it without listening holds it
/// (a connection is refused, as by a host that is down, and the kernel gives the port to no client connection meanwhile;
/// a port that cannot be reopened all the same is tried again, never an exception on a timer).
/// </summary>
internal sealed class SimulatorServer : IDisposable
{
    /// <summary>The body of a <see cref="BodyFault.Malformed"/> answer: an error page from a proxy, sent as JSON with a 200.</summary>
    internal const string MalformedBody = "<html><body><h1>502 Bad Gateway</h1><p>upstream sent an invalid response</p></body></html>";

    // The request being answered: WireMock's callbacks see only its IRequestMessage, and abort and hang need the
    // connection. Set by a middleware in front of WireMock's, so it flows into the callback.
    private static readonly AsyncLocal<HttpContext?> CurrentRequest = new();

    // How soon a port that could not be reopened on a flapping transition is tried again.
    private static readonly TimeSpan ReopenRetry = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly string _url;
    private readonly Dictionary<string, long> _flappingSince = new(StringComparer.Ordinal);
    private WireMockServer _server;
    private bool _listening;
    private bool _stoppedByHand;
    private bool _disposed;
    private ITimer? _flappingTimer;
    private Socket? _portHold;

    /// <summary>
    /// Gets how long a healthy request takes to serve: the dependency's normal answer time, added to every request
    /// that is served (a fault that answers instead of serving answers at once).
    /// </summary>
    internal TimeSpan ServiceTime { get; init; }

    internal SimulatorServer(string url, FaultInjector faults, SimulatorJournal journal, TimeProvider time)
    {
        Faults = faults;
        Journal = journal;
        _time = time;
        _server = StartWireMock(url);
        _listening = true;
        // WireMock reports a fixed loopback port as "localhost"; keep the address it was asked to bind (the port
        // it reports is the real one, also for port 0), so URLs say 127.0.0.1 as everything else does.
        var reported = new Uri(_server.Urls[0]);
        var requested = new Uri(url);
        BaseUrl = new UriBuilder(reported) { Host = requested.HostNameType == UriHostNameType.IPv4 && requested.Host != "0.0.0.0" ? requested.Host : reported.Host, Path = "/" }.Uri;
        _url = BaseUrl.GetLeftPart(UriPartial.Authority);
        Faults.RulesChanged += OnRulesChanged;
        ApplyHostState();
    }

    internal Uri BaseUrl { get; }

    internal FaultInjector Faults { get; }

    internal SimulatorJournal Journal { get; }

    /// <summary>Gets the WireMock server, to add mappings; mappings added while it is down are kept when it comes back.</summary>
    internal WireMockServer Server
    {
        get
        {
            lock (_gate)
            {
                return _server;
            }
        }
    }

    /// <summary>Gets whether the port accepts connections now.</summary>
    internal bool IsListening
    {
        get
        {
            lock (_gate)
            {
                return _listening;
            }
        }
    }

    /// <summary>
    /// Takes the simulator down by hand: closes its port (new connections are refused) until <see cref="StartListening"/>.
    /// State (charges, shipments) is kept, as a host's disk survives a crash.
    /// </summary>
    internal void StopListening()
    {
        lock (_gate)
        {
            _stoppedByHand = true;
            SetListening(false);
        }
    }

    /// <summary>Brings the simulator back on the same port, unless a host-level fault keeps it down.</summary>
    internal void StartListening()
    {
        lock (_gate)
        {
            _stoppedByHand = false;
        }

        ApplyHostState();
    }

    /// <summary>
    /// Wraps a route's handler with the fault decision of each request: an abort resets the connection without an
    /// answer; a hang holds the request (until the client gives up) and then answers 504; a status fault answers
    /// without serving; a malformed body answers 200 with a body that is not JSON, without serving; otherwise the
    /// request is served and a truncated body cuts its JSON mid-way. Latency then delays the answer (the work is
    /// done, the answer is late: an unknown outcome for a client that times out). Every call is journalled, with
    /// status 0 when nothing was answered, and with the request key <paramref name="requestKey"/> reads from it.
    /// </summary>
    internal Func<IRequestMessage, Task<IResponseMessage>> Route(string route, Func<IRequestMessage, ResponseMessage> serve, Func<IRequestMessage, string?>? requestKey = null) =>
        Route(_ => route, request => Task.FromResult(serve(request)), requestKey);

    /// <summary>
    /// The same as <see cref="Route(string, Func{IRequestMessage, ResponseMessage}, Func{IRequestMessage, string?}?)"/>, with
    /// the route named per request (a mapped dependency names it from the request's method and path) and an
    /// asynchronous handler (a static mapping's own response provider).
    /// </summary>
    internal Func<IRequestMessage, Task<IResponseMessage>> Route(Func<IRequestMessage, string> routeOf, Func<IRequestMessage, Task<ResponseMessage>> serve, Func<IRequestMessage, string?>? requestKey = null) => async request =>
    {
        var at = _time.GetUtcNow();
        var route = routeOf(request);
        var key = requestKey?.Invoke(request);
        var trace = TraceId(request);
        var decision = Faults.Decide(route);
        var context = CurrentRequest.Value;
        if (decision.Abort)
        {
            Journal.RecordCall(new DependencyCall(at, route, 0, Faulted: true, key) { TraceId = trace });

            // Without the connection (never expected under WireMock's ASP.NET Core host) the nearest thing is an empty reply.
            context?.Abort();
            return SimulatorResponses.Create(200, "", "application/json");
        }

        if (decision.Hang is { } hold)
        {
            try
            {
                await Task.Delay(hold, _time, context?.RequestAborted ?? CancellationToken.None).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The client gave up first, as it should: nobody is left to answer.
                Journal.RecordCall(new DependencyCall(at, route, 0, Faulted: true, key) { TraceId = trace });
                return SimulatorResponses.Create(504, "", "application/json");
            }

            Journal.RecordCall(new DependencyCall(at, route, 504, Faulted: true, key) { TraceId = trace });
            return SimulatorResponses.Problem(504, "gateway_timeout", "The simulator held the request past its hang and gave up.");
        }

        ResponseMessage response;
        var served = false;
        if (decision.Status is { } status)
        {
            var headers = status.RetryAfter is { } retryAfter
                ? new[] { ("Retry-After", ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture)) }
                : [];
            response = SimulatorResponses.Problem(status.StatusCode, "injected_fault", "Fault injected by the simulator.", headers);
        }
        else if (decision.Body == BodyFault.Malformed)
        {
            response = SimulatorResponses.Create(200, MalformedBody, "application/json");
        }
        else
        {
            response = await serve(request).ConfigureAwait(false);
            served = true;
            if (decision.Body == BodyFault.Truncated)
            {
                Truncate(response);
            }
        }

        var delay = decision.Delay + (served ? ServiceTime : TimeSpan.Zero);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _time).ConfigureAwait(false);
        }

        Journal.RecordCall(new DependencyCall(at, route, response.StatusCode is int code ? code : 200, decision.Faulted, key) { TraceId = trace });
        return response;
    };

    /// <summary>
    /// Reads the trace id of the request's W3C <c>traceparent</c> (<c>00-&lt;32 hex&gt;-&lt;16 hex&gt;-&lt;2 hex&gt;</c>), or
    /// null when it has none or it is malformed.
    /// </summary>
    internal static string? TraceId(IRequestMessage request)
    {
        var header = SimulatorResponses.Header(request, "traceparent");
        if (header is null || header.Length < 55 || header[2] != '-' || header[35] != '-')
        {
            return null;
        }

        var id = header.AsSpan(3, 32);
        foreach (var c in id)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return null;
            }
        }

        return id.ToString();
    }

    /// <summary>Reads the <c>Idempotency-Key</c> header: the request key of payment and shipment calls.</summary>
    internal static string? IdempotencyKey(IRequestMessage request) => SimulatorResponses.Header(request, "Idempotency-Key");

    public void Dispose()
    {
        WireMockServer server;
        bool listening;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Faults.RulesChanged -= OnRulesChanged;
            _flappingTimer?.Dispose();
            _flappingTimer = null;
            _portHold?.Dispose();
            _portHold = null;
            server = _server;
            listening = _listening;
            _listening = false;
        }

        if (listening)
        {
            server.Stop();
        }

        server.Dispose();
    }

    private static void Truncate(ResponseMessage response)
    {
        // A static mapping's BodyAsJson is an object WireMock serializes late: write it out first, so it can be cut.
        if (response.BodyData is { BodyAsJson: { } json } jsonBody)
        {
            jsonBody.BodyAsString = Newtonsoft.Json.JsonConvert.SerializeObject(json);
            jsonBody.BodyAsJson = null;
            jsonBody.DetectedBodyType = WireMock.Types.BodyType.String;
            jsonBody.Encoding ??= System.Text.Encoding.UTF8;
        }

        if (response.BodyData is { BodyAsString: { Length: > 1 } text } body)
        {
            body.BodyAsString = text[..(text.Length / 2)];
        }
        else if (response.BodyData is { BodyAsBytes: { Length: > 1 } bytes } binary)
        {
            binary.BodyAsBytes = bytes[..(bytes.Length / 2)];
        }
    }

    private static WireMockServer StartWireMock(string url) => WireMockServer.Start(new WireMockServerSettings
    {
        Urls = [url],
        MaxRequestLogCount = 0,
        StartAdminInterface = false,
        PreWireMockMiddlewareInit = app => ((IApplicationBuilder)app).Use(async (context, next) =>
        {
            CurrentRequest.Value = context;
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                CurrentRequest.Value = null;
            }
        }),
    });

    private void OnRulesChanged(object? sender, EventArgs e) => ApplyHostState();

    /// <summary>
    /// Puts the port in the state the host-level faults call for now: down while a host-down rule holds or a flapping
    /// rule is in the down part of its cycle (cycles start when the rule is first seen), and schedules the next
    /// flapping transition on the time provider.
    /// </summary>
    private void ApplyHostState()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var now = _time.GetTimestamp();
            var down = false;
            TimeSpan? next = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var rule in Faults.HostFaults)
            {
                seen.Add(rule.Name);
                if (rule.Fault.Kind == FaultKind.HostDown)
                {
                    down = true;
                    continue;
                }

                if (!_flappingSince.TryGetValue(rule.Name, out var since))
                {
                    _flappingSince[rule.Name] = since = now;
                }

                var cycle = rule.Fault.DownFor + rule.Fault.UpFor;
                if (cycle <= TimeSpan.Zero)
                {
                    continue;
                }

                var position = TimeSpan.FromTicks(_time.GetElapsedTime(since, now).Ticks % cycle.Ticks);
                var inDown = position < rule.Fault.DownFor;
                down |= inDown;
                var until = inDown ? rule.Fault.DownFor - position : cycle - position;
                next = next is { } earlier && earlier < until ? earlier : until;
            }

            foreach (var stale in _flappingSince.Keys.Where(k => !seen.Contains(k)).ToArray())
            {
                _flappingSince.Remove(stale);
            }

            SetListening(!(down || _stoppedByHand));

            _flappingTimer?.Dispose();
            _flappingTimer = next is { } due ? _time.CreateTimer(_ => ApplyHostStateOnTimer(), null, due, Timeout.InfiniteTimeSpan) : null;
        }
    }

    /// <summary>
    /// A flapping transition, on the time provider's timer: an exception here would end the process, so a port that
    /// cannot be reopened is tried again shortly (it stays down meanwhile, as a host that is slow to come back).
    /// </summary>
    private void ApplyHostStateOnTimer()
    {
        try
        {
            ApplyHostState();
        }
        catch (Exception ex) when (ex is IOException or SocketException or WireMock.Exceptions.WireMockException)
        {
            lock (_gate)
            {
                _flappingTimer?.Dispose();
                _flappingTimer = _disposed ? null : _time.CreateTimer(_ => ApplyHostStateOnTimer(), null, ReopenRetry, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Closes or reopens the port (under the lock). Reopening starts a fresh WireMock server on the same port with the same mappings.</summary>
    private void SetListening(bool listening)
    {
        if (listening == _listening)
        {
            return;
        }

        if (!listening)
        {
            _server.Stop();
            _portHold = HoldPort();
            _listening = false;
            return;
        }

        // Another socket on the port (a server that took it, a connection that has it as its local port) fails this
        // bind at once, where WireMock would wait out its start timeout; the hold shares the port and stays until then.
        BindWithoutListening(Endpoint()).Dispose();
        _portHold?.Dispose();
        _portHold = null;
        var stopped = _server;
        var fresh = StartWireMock(_url);
        foreach (var mapping in stopped.Mappings.Where(m => !m.IsAdminInterface))
        {
            fresh.Given(mapping.RequestMatcher).WithGuid(mapping.Guid).AtPriority(mapping.Priority).RespondWith(mapping.Provider);
        }

        _server = fresh;
        _listening = true;
        stopped.Dispose();
    }

    /// <summary>
    /// Binds the closed port without listening: connections to it are refused, and the kernel picks it as the local port
    /// of no outgoing connection (one did, under ten scenario runs at once, and the host could not come back). Null if
    /// another socket took the port first.
    /// </summary>
    private Socket? HoldPort()
    {
        try
        {
            return BindWithoutListening(Endpoint());
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private IPEndPoint Endpoint()
    {
        var authority = new Uri(_url);
        return new IPEndPoint(IPAddress.TryParse(authority.Host, out var address) ? address : IPAddress.Loopback, authority.Port);
    }

    private static Socket BindWithoutListening(IPEndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endpoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
