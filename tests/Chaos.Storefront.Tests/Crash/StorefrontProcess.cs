using System.Diagnostics;
using System.Net;
using System.Text;
using Chaos.Hosting;
using Xunit.Sdk;

namespace Chaos.Storefront.Tests.Crash;

/// <summary>
/// The storefront as a real process: <c>dotnet Chaos.Storefront.dll --urls … --Key=Value …</c>, started from the test's
/// output folder (the test project references the storefront, so its dll and runtimeconfig sit next to the test dll).
/// </summary>
internal sealed class StorefrontProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private StorefrontProcess(Process process, Uri baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
        Client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri BaseUrl { get; }

    public HttpClient Client { get; }

    /// <summary>Gets what the process wrote so far (stdout and stderr), for a failure message.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts the storefront on a free loopback port with these settings and waits until it is ready.</summary>
    public static async Task<StorefrontProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Chaos.Storefront.dll");
        File.Exists(dll).ShouldBeTrue($"{dll} is missing; the test project must reference Chaos.Storefront.");
        var url = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}/");

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url.GetLeftPart(UriPartial.Authority));
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var process = new Process { StartInfo = start };
        var storefront = new StorefrontProcess(process, url);
        process.OutputDataReceived += (_, e) => storefront.Append(e.Data);
        process.ErrorDataReceived += (_, e) => storefront.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await storefront.WaitUntilReadyAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch
        {
            storefront.Dispose();
            throw;
        }

        return storefront;
    }

    /// <summary>SIGKILL: no shutdown, no flush; whatever was committed to SQLite is all that survives.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit(10_000).ShouldBeTrue("the storefront did not die within 10 s of SIGKILL");
    }

    public void Dispose()
    {
        Client.Dispose();
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        process.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new XunitException($"The storefront exited with code {process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var ready = await Client.GetAsync("/health/ready", cancellationToken);
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new XunitException($"The storefront was not ready within {timeout}:\n{Output}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
