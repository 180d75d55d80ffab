namespace Chaos.Cli.Hosting;

/// <summary>A storefront process that the harness started refused its configuration at start-up (an invalid <c>--storefront-config</c>).</summary>
internal sealed class StorefrontConfigurationException : Exception
{
    public StorefrontConfigurationException(string message, IReadOnlyList<string> failures)
        : base(message) => Failures = failures;

    /// <summary>Gets the storefront's own messages, each naming the key.</summary>
    public IReadOnlyList<string> Failures { get; }
}
