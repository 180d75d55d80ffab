using System.CommandLine;
using System.Globalization;
using Chaos.Cli.Agents;

namespace Chaos.Cli.Commands;

/// <summary>
/// <c>chaos agent --coordinator URL --index I</c>: one load agent of a run started with <c>chaos run --agents N</c>. It runs
/// segment I of N of the scenario's load (k6's execution segments) against the service under test (the storefront, or a
/// system file's service) and posts its results.
/// </summary>
internal static class AgentCommand
{
    /// <summary>The environment variable a Kubernetes Indexed Job sets on each pod: its completion index, the agent's segment.</summary>
    public const string CompletionIndexVariable = "JOB_COMPLETION_INDEX";

    /// <summary>The settings of one agent.</summary>
    /// <param name="Coordinator">The coordinator's URL.</param>
    /// <param name="Index">The agent's segment, or null for <see cref="CompletionIndexVariable"/>.</param>
    /// <param name="Count">The number of agents the agent expects, or null for the coordinator's.</param>
    /// <param name="ServiceUrl">Where this agent reaches the service under test, when not where the coordinator does.</param>
    /// <param name="ConnectTimeout">How long to retry reaching the coordinator, as text (<c>60s</c>).</param>
    public sealed record Settings(string? Coordinator, int? Index, int? Count, string? ServiceUrl, string? ConnectTimeout);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var coordinator = new Option<string?>("--coordinator") { Description = "The coordinator's URL, as `chaos run --agents` prints it, for example http://10.77.0.1:7700." };
        var index = new Option<int?>("--index") { Description = $"This agent's segment, 0 to N-1. Default: the environment variable {CompletionIndexVariable} (a Kubernetes Indexed Job's completion index)." };
        var count = new Option<int?>("--count") { Description = "The number of agents this agent expects (checked against the coordinator's). Default: the coordinator's." };
        var serviceUrl = new Option<string?>("--service-url", "--storefront-url") { Description = "Where this agent reaches the service under test (the storefront, or a system file's service), when not at the URL the coordinator gives (for example a cluster Service name)." };
        var connectTimeout = new Option<string?>("--connect-timeout") { Description = "How long to retry reaching the coordinator, for example 60s or 2m. Default: 60s." };
        var command = new Command("agent", "Run one segment of a scenario's load for `chaos run --agents N` (also as a Kubernetes Indexed Job) and post its results to the coordinator.")
        {
            coordinator, index, count, serviceUrl, connectTimeout,
        };
        return command.RunsOnTheSystemClock(
            result => new Settings(result.GetValue(coordinator), result.GetValue(index), result.GetValue(count), result.GetValue(serviceUrl), result.GetValue(connectTimeout)),
            (parsed, time, cancellationToken) => ExecuteAsync(parsed, output, error, time, cancellationToken));
    }

    /// <summary>Runs one agent; returns the exit code (0 results posted, 2 bad input, 3 harness error).</summary>
    public static async Task<int> ExecuteAsync(Settings settings, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        if (settings.Coordinator is null)
        {
            error.WriteLine("--coordinator is required: pass the URL `chaos run --agents` prints, for example --coordinator http://127.0.0.1:7700.");
            return ExitCodes.Invalid;
        }

        if (!Uri.TryCreate(settings.Coordinator, UriKind.Absolute, out var coordinator) || (coordinator.Scheme != Uri.UriSchemeHttp && coordinator.Scheme != Uri.UriSchemeHttps))
        {
            error.WriteLine($"--coordinator {settings.Coordinator}: not an http(s) URL; pass one like http://127.0.0.1:7700.");
            return ExitCodes.Invalid;
        }

        Uri? service = null;
        if (settings.ServiceUrl is { } serviceText
            && (!Uri.TryCreate(serviceText, UriKind.Absolute, out service) || (service.Scheme != Uri.UriSchemeHttp && service.Scheme != Uri.UriSchemeHttps)))
        {
            error.WriteLine($"--service-url {serviceText}: not an http(s) URL; pass one like http://storefront:8080.");
            return ExitCodes.Invalid;
        }

        var index = settings.Index;
        if (index is null)
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(CompletionIndexVariable);
            if (fromEnvironment is null)
            {
                error.WriteLine($"--index is required outside a Kubernetes Indexed Job: pass this agent's segment, 0 to N-1 (or set {CompletionIndexVariable}).");
                return ExitCodes.Invalid;
            }

            if (!int.TryParse(fromEnvironment, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                error.WriteLine($"{CompletionIndexVariable}={fromEnvironment}: not a whole number >= 0; run the agents as an Indexed Job (completionMode: Indexed) or pass --index.");
                return ExitCodes.Invalid;
            }

            index = parsed;
        }

        if (index < 0)
        {
            error.WriteLine($"--index {index}: must be 0 or more; agents are numbered 0 to N-1.");
            return ExitCodes.Invalid;
        }

        if (settings.Count is { } count && (count < 1 || index >= count))
        {
            error.WriteLine(count < 1
                ? $"--count {count}: must be 1 or more."
                : $"--index {index} is not below --count {count}; agents are numbered 0 to {count - 1}.");
            return ExitCodes.Invalid;
        }

        var connectTimeout = TimeSpan.FromSeconds(60);
        if (settings.ConnectTimeout is { } timeoutText && (!Chaos.Engine.Scenarios.DurationParser.TryParse(timeoutText, out connectTimeout) || connectTimeout <= TimeSpan.Zero))
        {
            error.WriteLine($"--connect-timeout {timeoutText}: not a positive duration; write it like 60s or 2m.");
            return ExitCodes.Invalid;
        }

        try
        {
            return await new LoadAgent(coordinator, index.Value, service, connectTimeout, output, time).RunAsync(settings.Count, cancellationToken).ConfigureAwait(false);
        }
        catch (AgentException ex)
        {
            error.WriteLine(ex.ExitCode == ExitCodes.Invalid ? ex.Message : $"harness error: {ex.Message}");
            return ex.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine($"harness error: agent {index} was cancelled before it posted its results.");
            return ExitCodes.HarnessError;
        }
    }
}
