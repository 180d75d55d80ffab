using Microsoft.Extensions.Logging;

namespace Chaos.Storefront.Tests;

/// <summary>
/// Writes the storefront's log to the output of the test that started it (xunit shows it when the test fails), so a
/// failure shows what the application did.
/// </summary>
/// <remarks>
/// The test's output is captured when the storefront is built: background services log on threads of their own, where
/// <see cref="TestContext.Current"/> may name no test. Lines logged after the test ended (while the host stops) are
/// dropped, since xunit refuses output for a finished test.
/// </remarks>
internal sealed class TestOutputLoggerProvider(ITestOutputHelper? output, TimeProvider time) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    private DateTimeOffset Now => time.GetUtcNow();

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        if (output is null)
        {
            return;
        }

        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test is over.
        }
    }

    private sealed class Logger(TestOutputLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{provider.Now:HH:mm:ss.fff} {logLevel,-11} {category}: {formatter(state, exception)}";
            provider.Write(exception is null ? line : $"{line}{Environment.NewLine}{exception}");
        }
    }
}
