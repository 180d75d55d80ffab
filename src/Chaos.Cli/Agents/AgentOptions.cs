using System.Globalization;
using System.Net;
using Chaos.Cli.Commands;
using Chaos.Engine.Scenarios;

namespace Chaos.Cli.Agents;

/// <summary>The agent options of <c>chaos run</c>, checked.</summary>
/// <param name="Count">The number of agents; 0 for none.</param>
/// <param name="Address">Where the coordinator listens.</param>
/// <param name="Port">Its port; 0 for a free one.</param>
/// <param name="External">Whether the agents are started elsewhere (<c>--coordinator-listen</c>) rather than here.</param>
/// <param name="Timeout">How long an agent may take to come and to report.</param>
internal sealed record AgentOptions(int Count, IPAddress Address, int Port, bool External, TimeSpan Timeout)
{
    /// <summary>The most agents one run takes.</summary>
    public const int MaxAgents = 1000;

    /// <summary>Checks the options; null, with what is wrong and how to fix it written, when they do not fit.</summary>
    public static AgentOptions? Parse(RunCommand.Settings settings, TextWriter error)
    {
        if (settings.Agents is < 0 or > MaxAgents)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"--agents {settings.Agents}: must be between 1 and {MaxAgents} (or left out to drive the load from this process)."));
            return null;
        }

        if (settings.Agents == 0)
        {
            if (settings.CoordinatorListen is not null || settings.AgentTimeout is not null)
            {
                error.WriteLine($"{(settings.CoordinatorListen is not null ? "--coordinator-listen" : "--agent-timeout")} applies only with --agents N; pass the number of load agents, or leave it out.");
                return null;
            }

            return new AgentOptions(0, IPAddress.Loopback, 0, External: false, TimeSpan.FromSeconds(60));
        }

        var timeout = TimeSpan.FromSeconds(60);
        if (settings.AgentTimeout is { } text && (!DurationParser.TryParse(text, out timeout) || timeout <= TimeSpan.Zero))
        {
            error.WriteLine($"--agent-timeout {text}: not a positive duration; write it like 60s or 2m.");
            return null;
        }

        var address = IPAddress.Loopback;
        var port = 0;
        if (settings.CoordinatorListen is { } listen)
        {
            var colon = listen.LastIndexOf(':');
            if (colon <= 0 || !IPAddress.TryParse(listen[..colon].Trim('[', ']'), out address!)
                || !int.TryParse(listen[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
            {
                error.WriteLine($"--coordinator-listen {listen}: expected ADDR:PORT with an IP address and a port 0-65535, like 127.0.0.1:7700 or 10.77.0.1:0.");
                return null;
            }
        }

        return new AgentOptions(settings.Agents, address, port, External: settings.CoordinatorListen is not null, timeout);
    }
}
