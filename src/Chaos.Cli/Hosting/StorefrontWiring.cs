namespace Chaos.Cli.Hosting;

/// <summary>
/// What the harness owns in the configuration of a storefront it starts, in this process or as a child: its SQLite file
/// in a fresh work folder, the lifetime log lines, and trust in the loopback proxy (<see cref="LoopbackProxy"/>). Layered
/// last, over the scenario's settings, the <c>--storefront-config</c> files and the simulators' URLs.
/// </summary>
/// <param name="DatabasePath">The storefront's SQLite file.</param>
/// <param name="Settings">The configuration keys, <c>Storefront:DatabasePath</c> among them.</param>
internal sealed record StorefrontWiring(string DatabasePath, IReadOnlyDictionary<string, string?> Settings)
{
    /// <summary>Empties <paramref name="workDirectory"/> (or creates it) and wires the storefront's database into it.</summary>
    public static StorefrontWiring InFreshFolder(string workDirectory)
    {
        // A run starts on a fresh database: orders left by an earlier run in the same folder would be
        // reconciled against this run's gateways and reported as lost or uncharged.
        if (Directory.Exists(workDirectory))
        {
            Directory.Delete(workDirectory, recursive: true);
        }

        Directory.CreateDirectory(workDirectory);
        var databasePath = Path.GetFullPath(Path.Combine(workDirectory, "storefront.db"));
        var settings = new Dictionary<string, string?>
        {
            ["Storefront:DatabasePath"] = databasePath,
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in LoopbackProxy.Trusted)
        {
            settings[key] = value;
        }

        return new StorefrontWiring(databasePath, settings);
    }
}
