namespace Chaos.Testing;

/// <summary>
/// A rehearsal that could not start (a scenario or system file with errors, a service the factory could not host), or
/// whose verdict was not the one asserted; the message says what, with files, lines and observed values.
/// </summary>
public sealed class RehearsalException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="RehearsalException"/> class.</summary>
    public RehearsalException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RehearsalException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    public RehearsalException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RehearsalException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public RehearsalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
