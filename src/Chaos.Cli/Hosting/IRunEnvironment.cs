using Chaos.Targets.Storefront;

namespace Chaos.Cli.Hosting;

/// <summary>A storefront and its simulated dependencies, ready to be driven; disposing it stops what it started.</summary>
internal interface IRunEnvironment : IAsyncDisposable
{
    /// <summary>Gets what a run drives.</summary>
    StorefrontTarget Target { get; }
}
