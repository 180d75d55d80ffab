namespace Chaos.Engine.Running;

/// <summary>
/// Control of the system under test itself, for faults that act on it rather than on a dependency (<c>kind: crash</c>):
/// implemented where the harness started the service as a child process, so it can kill it and start it again on the
/// same data. A service reached by URL (started by someone else) has none.
/// </summary>
public interface IServiceControl
{
    /// <summary>Kills the service abruptly (SIGKILL: no shutdown, no flush) and returns once it has exited.</summary>
    /// <param name="cancellationToken">Stops waiting for the exit.</param>
    Task CrashAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Starts the service again, on the same address and the same database, and returns once it is ready to serve.
    /// </summary>
    /// <param name="cancellationToken">Stops the restart.</param>
    /// <exception cref="InvalidOperationException">The service did not start, or was not ready in time.</exception>
    Task RestartAsync(CancellationToken cancellationToken);
}
