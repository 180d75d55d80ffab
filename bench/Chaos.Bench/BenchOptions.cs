using System.Globalization;

namespace Chaos.Bench;

/// <summary>
/// The bench's command line: <c>--rounds 5 --seconds 10 --connections 64 --saturation-rate 100000 --memory-rate 20000
/// --memory-max-in-flight 512 --client invoker|httpclient --no-memory-run --no-pacing-run --closed-loop --fixed-rate-only --engine-only</c>.
/// </summary>
internal sealed record BenchOptions
{
    /// <summary>Gets the number of wrk / engine round pairs. Defaults to 5.</summary>
    public int Rounds { get; init; } = 5;

    /// <summary>Gets the length of each round, in seconds. Defaults to 10.</summary>
    public int Seconds { get; init; } = 10;

    /// <summary>Gets the connections of wrk and the in-flight bound of the engine. Defaults to 64.</summary>
    public int Connections { get; init; } = 64;

    /// <summary>Gets the arrival rate of the saturation rounds, well above what the endpoint serves. Defaults to 100,000/s.</summary>
    public double SaturationRate { get; init; } = 100_000;

    /// <summary>Gets the fixed arrival rate of the memory run. Defaults to 20,000/s.</summary>
    public double MemoryRate { get; init; } = 20_000;

    /// <summary>Gets the in-flight bound of the memory run. Defaults to 512.</summary>
    public int MemoryMaxInFlight { get; init; } = 512;

    /// <summary>Gets whether to skip the memory run.</summary>
    public bool SkipMemoryRun { get; init; }

    /// <summary>Gets whether to skip the pacing runs (1,000 and 5,000 arrivals/s for 10 s, started on the wall clock).</summary>
    public bool SkipPacingRun { get; init; }

    /// <summary>Gets how the journey sends its GET. Defaults to <see cref="JourneyClient.Invoker"/>.</summary>
    public JourneyClient Client { get; init; } = JourneyClient.Invoker;

    /// <summary>Gets whether each round also runs a plain closed loop of HttpClient tasks (no engine), for reference.</summary>
    public bool ClosedLoop { get; init; }

    /// <summary>Gets whether to run only the fixed-rate run (after a 5 s warm-up at its rate): no wrk, no saturation rounds.</summary>
    public bool FixedRateOnly { get; init; }

    /// <summary>Gets whether to measure only the engine's own cost per journey, with an in-memory journey (no HTTP, no wrk).</summary>
    public bool EngineOnly { get; init; }

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--no-memory-run")
            {
                options = options with { SkipMemoryRun = true };
                continue;
            }

            if (name == "--no-pacing-run")
            {
                options = options with { SkipPacingRun = true };
                continue;
            }

            if (name == "--closed-loop")
            {
                options = options with { ClosedLoop = true };
                continue;
            }

            if (name == "--fixed-rate-only")
            {
                options = options with { FixedRateOnly = true };
                continue;
            }

            if (name == "--engine-only")
            {
                options = options with { EngineOnly = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value; for example {name} 5.");
            }

            var value = args[++i];
            options = name switch
            {
                "--rounds" => options with { Rounds = PositiveInt(name, value, 1, 100) },
                "--seconds" => options with { Seconds = PositiveInt(name, value, 1, 600) },
                "--connections" => options with { Connections = PositiveInt(name, value, 1, 4096) },
                "--saturation-rate" => options with { SaturationRate = PositiveRate(name, value) },
                "--memory-rate" => options with { MemoryRate = PositiveRate(name, value) },
                "--client" => options with { Client = ParseClient(value) },
                "--memory-max-in-flight" => options with { MemoryMaxInFlight = PositiveInt(name, value, 1, 100_000) },
                _ => throw new ArgumentException(
                    $"unknown option {name}; use --rounds N, --seconds N, --connections N, --saturation-rate R, --memory-rate R, --memory-max-in-flight N, --client invoker|httpclient, --no-memory-run, --no-pacing-run, --closed-loop, --fixed-rate-only, --engine-only."),
            };
        }

        return options;
    }

    private static JourneyClient ParseClient(string value) => value switch
    {
        "invoker" => JourneyClient.Invoker,
        "httpclient" => JourneyClient.HttpClient,
        _ => throw new ArgumentException($"--client {value} is not a client; use --client invoker or --client httpclient."),
    };

    private static int PositiveInt(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max
            ? parsed
            : throw new ArgumentException($"{name} {value} is not a whole number in [{min}, {max}]; for example {name} {min}.");

    private static double PositiveRate(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 && parsed <= 10_000_000
            ? parsed
            : throw new ArgumentException($"{name} {value} is not a rate in (0, 10000000] per second; for example {name} 20000.");
}
