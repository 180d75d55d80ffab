using System.Globalization;

namespace Chaos.Engine.Systems;

/// <summary>
/// What to start for a service of a system file: its program, arguments and environment with the port filled in and
/// every dependency's simulator URL passed the way the system file says.
/// </summary>
/// <param name="FileName">The program.</param>
/// <param name="Arguments">The arguments, in order, each passed as one argument (no shell).</param>
/// <param name="Environment">The environment variables to set on top of the inherited ones.</param>
/// <param name="WorkingDirectory">The folder to start in.</param>
public sealed record ServiceLaunch(string FileName, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment, string WorkingDirectory)
{
    /// <summary>
    /// Builds the launch of a service that Chaos starts. <see cref="ServiceDefinition.PortPlaceholder"/> is replaced in
    /// arguments and environment values; when neither uses it, <c>--urls http://127.0.0.1:&lt;port&gt;</c> is appended.
    /// Each dependency's URL goes to its configuration keys (<c>Bank:BaseAddress</c> as the environment variable
    /// <c>Bank__BaseAddress</c> and/or the argument <c>--Bank:BaseAddress=&lt;url&gt;</c>) and to its environment
    /// variables. A pool's URLs go to indexed keys (<c>Key:0</c>, <c>Key:1</c>, as .NET binds a list) and to its
    /// environment variables separated by commas.
    /// </summary>
    /// <param name="system">The system.</param>
    /// <param name="port">The free loopback port the service listens on.</param>
    /// <param name="dependencyUrls">Each dependency's simulator URLs by dependency name (one per instance of a pool).</param>
    /// <returns>The launch.</returns>
    /// <exception cref="InvalidOperationException">The service is reached by URL, or a dependency has no URL.</exception>
    public static ServiceLaunch For(SystemDefinition system, int port, IReadOnlyDictionary<string, IReadOnlyList<Uri>> dependencyUrls)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(dependencyUrls);
        var service = system.Service;
        var command = service.Command ?? throw new InvalidOperationException($"{system.Name} is reached at {service.Url}; Chaos does not start it.");
        var portText = port.ToString(CultureInfo.InvariantCulture);
        var args = service.Args.Select(a => a.Replace(ServiceDefinition.PortPlaceholder, portText, StringComparison.Ordinal)).ToList();
        if (!service.UsesPortPlaceholder)
        {
            args.AddRange(ServiceDefinition.DefaultPortArgs.Select(a => a.Replace(ServiceDefinition.PortPlaceholder, portText, StringComparison.Ordinal)));
        }

        var env = service.Environment.ToDictionary(e => e.Key, e => e.Value.Replace(ServiceDefinition.PortPlaceholder, portText, StringComparison.Ordinal), StringComparer.Ordinal);
        foreach (var dependency in system.Dependencies)
        {
            if (!dependencyUrls.TryGetValue(dependency.Name, out var urls) || urls.Count == 0)
            {
                throw new InvalidOperationException($"No simulator URL for the dependency {dependency.Name}.");
            }

            foreach (var (key, url) in ConfigurationOf(dependency, urls))
            {
                if (dependency.Pass is ConfigPassing.Env or ConfigPassing.Both)
                {
                    env[key.Replace(":", "__", StringComparison.Ordinal)] = url;
                }

                if (dependency.Pass is ConfigPassing.Args or ConfigPassing.Both)
                {
                    args.Add($"--{key}={url}");
                }
            }

            foreach (var variable in dependency.EnvVariables)
            {
                env[variable] = string.Join(",", urls.Select(u => u.AbsoluteUri));
            }
        }

        return new ServiceLaunch(command, args, env, service.WorkingDirectory);
    }

    /// <summary>
    /// The configuration a dependency's <c>config</c> keys receive: each key with the simulator's URL, or for a pool
    /// each indexed key (<c>Key:0</c>, <c>Key:1</c>, as .NET binds a list) with its instance's URL.
    /// </summary>
    /// <param name="dependency">The dependency.</param>
    /// <param name="urls">Its simulators' URLs, one per instance of a pool.</param>
    /// <returns>Configuration key and value pairs, in key order then instance order.</returns>
    public static IEnumerable<KeyValuePair<string, string>> ConfigurationOf(DependencyDefinition dependency, IReadOnlyList<Uri> urls)
    {
        ArgumentNullException.ThrowIfNull(dependency);
        ArgumentNullException.ThrowIfNull(urls);
        var pooled = dependency.Instances.Count > 0;
        foreach (var key in dependency.ConfigKeys)
        {
            for (var i = 0; i < urls.Count; i++)
            {
                yield return KeyValuePair.Create(pooled ? $"{key}:{i.ToString(CultureInfo.InvariantCulture)}" : key, urls[i].AbsoluteUri);
            }
        }
    }
}
