namespace Chaos.Cli;

/// <summary>The exit codes of <c>chaos</c>, stable for CI.</summary>
internal static class ExitCodes
{
    /// <summary>Every expectation and invariant held (degraded as designed).</summary>
    public const int Pass = 0;

    /// <summary>An expectation or invariant broke (beyond contract).</summary>
    public const int Fail = 1;

    /// <summary>Invalid scenario, configuration file or command line.</summary>
    public const int Invalid = 2;

    /// <summary>The harness could not run or measure the scenario.</summary>
    public const int HarnessError = 3;
}
