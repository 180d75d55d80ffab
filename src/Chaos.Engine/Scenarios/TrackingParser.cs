using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Chaos.Engine.Scenarios;

/// <summary>
/// A YAML parser that remembers where the last event it produced ended, so that an error the parser reports
/// without a position (YamlDotNet throws <see cref="InvalidOperationException"/> for some malformed flow
/// collections) can still be given a line.
/// </summary>
internal sealed class TrackingParser(TextReader input) : IParser
{
    private readonly Parser _inner = new(input);

    /// <summary>Gets the end of the last event read, or <see cref="Mark.Empty"/> before the first one.</summary>
    public Mark LastGood { get; private set; } = Mark.Empty;

    /// <inheritdoc/>
    public ParsingEvent? Current => _inner.Current;

    /// <inheritdoc/>
    public bool MoveNext()
    {
        if (_inner.Current is { } current)
        {
            LastGood = current.End;
        }

        return _inner.MoveNext();
    }
}
