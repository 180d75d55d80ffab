namespace Chaos.Engine.Systems;

/// <summary>
/// How the service under test runs: either already running at <see cref="Url"/>, or started by Chaos with
/// <see cref="Command"/> on a free loopback port.
/// </summary>
public sealed record ServiceDefinition
{
    /// <summary>The placeholder for the service's port in <see cref="Args"/> and <see cref="Environment"/>.</summary>
    public const string PortPlaceholder = "{port}";

    /// <summary>The arguments appended when neither the arguments nor the environment use <see cref="PortPlaceholder"/>: ASP.NET Core's convention.</summary>
    public static IReadOnlyList<string> DefaultPortArgs { get; } = ["--urls", "http://127.0.0.1:{port}"];

    /// <summary>Gets the base URL of a service that is already running, or null when Chaos starts it.</summary>
    public Uri? Url { get; init; }

    /// <summary>Gets the program to start (for example <c>dotnet</c>), or null when <see cref="Url"/> is given.</summary>
    public string? Command { get; init; }

    /// <summary>Gets the program's arguments, as written (they may hold <see cref="PortPlaceholder"/>).</summary>
    /// <value>Defaults to none.</value>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Gets the folder the program starts in, as an absolute path (written relative to the system file).</summary>
    /// <value>Defaults to the system file's folder.</value>
    public string WorkingDirectory { get; init; } = "";

    /// <summary>Gets environment variables set for the program, as written (values may hold <see cref="PortPlaceholder"/>).</summary>
    /// <value>Defaults to none.</value>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets whether <see cref="PortPlaceholder"/> appears in the arguments or the environment; when not, <see cref="DefaultPortArgs"/> are appended.</summary>
    public bool UsesPortPlaceholder { get; init; }

    /// <summary>Gets the readiness check, or null to accept the first HTTP answer of any status.</summary>
    /// <value>Defaults to null.</value>
    public ReadyCheck? Ready { get; init; }

    /// <summary>Gets how long the service may take to become ready.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets how long the service may take to exit once asked to stop, before it is killed.</summary>
    /// <value>Defaults to 10 seconds.</value>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>A readiness check: the service is ready when this request answers with a 2xx status.</summary>
/// <param name="Method">The HTTP method, upper case, for example <c>GET</c>.</param>
/// <param name="Path">The path, starting with <c>/</c>, for example <c>/health</c>.</param>
public sealed record ReadyCheck(string Method, string Path);
