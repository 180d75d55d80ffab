namespace Chaos.Engine.Systems;

/// <summary>How a dependency's configuration keys are passed to a service that Chaos starts.</summary>
public enum ConfigPassing
{
    /// <summary>As environment variables, the .NET way: <c>Bank:BaseAddress</c> becomes <c>Bank__BaseAddress</c>.</summary>
    Env,

    /// <summary>As command-line arguments: <c>--Bank:BaseAddress=&lt;url&gt;</c>.</summary>
    Args,

    /// <summary>Both ways.</summary>
    Both,
}
