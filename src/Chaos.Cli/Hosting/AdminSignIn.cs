using System.Net.Http.Json;
using System.Text.Json;
using Chaos.Targets.Storefront;

namespace Chaos.Cli.Hosting;

/// <summary>
/// Gets the harness its admin credentials for a storefront it did not start: a token through the storefront's own
/// <c>POST /login</c> (and so its identity provider), or a token or key given on the command line.
/// </summary>
internal static class AdminSignIn
{
    /// <summary>The admin account of the simulated identity provider's default directory.</summary>
    public const string DefaultUser = "admin@example.test";

    /// <summary>The password of every account of the simulated identity provider's default directory.</summary>
    public const string DefaultPassword = Chaos.Simulators.Identity.IdentityProviderSimulatorOptions.DefaultPassword;

    private static readonly TimeSpan LoginTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long an honest refusal of the admin login is retried.</summary>
    private static readonly TimeSpan LoginRetryWindow = TimeSpan.FromSeconds(30);

    /// <summary>The pause between two login attempts; short, since the refusal is usually a cold start.</summary>
    private static readonly TimeSpan LoginRetryPause = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Waits until the storefront accepts <paramref name="admin"/> on <c>GET /admin/orders</c>: right after start-up it
    /// may not have fetched the identity provider's signing keys yet. Throws naming the URL and the last answer after
    /// <paramref name="timeout"/>, so a wrong credential fails before the run rather than at reconciliation.
    /// </summary>
    public static async Task WaitUntilAcceptedAsync(Uri storefront, StorefrontCredentials admin, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = storefront, Timeout = LoginTimeout };
        admin.ApplyTo(http.DefaultRequestHeaders);
        var url = new Uri(storefront, "admin/orders");
        var start = time.GetTimestamp();
        string last;
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                last = ex.Message;
            }

            if (time.GetElapsedTime(start) >= timeout)
            {
                throw new InvalidOperationException($"The storefront did not accept {admin} on GET {url} within {timeout.TotalSeconds:0}s (last answer: {last}). Check the credentials (--admin-token, --admin-key, --admin-user) and that the storefront reaches its identity provider.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Logs in as <paramref name="user"/> through <c>POST {storefront}login</c> and returns the token as credentials. An
    /// honest refusal (503 or 429 with <c>Retry-After</c>: the identity provider is slow to answer a cold start, or busy)
    /// is retried after a short pause for up to <see cref="LoginRetryWindow"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Login failed; the message names the URL and the status.</exception>
    public static async Task<StorefrontCredentials> LoginAsync(Uri storefront, string user, string password, TimeProvider time, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = storefront, Timeout = LoginTimeout };
        var url = new Uri(storefront, "login");
        var start = time.GetTimestamp();
        while (true)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.PostAsJsonAsync(url, new { username = user, password }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new InvalidOperationException($"Could not log in as {user} at POST {url}: {ex.Message}. Check --storefront-url, or pass --admin-token.", ex);
            }

            using (response)
            {
                if (response.StatusCode is System.Net.HttpStatusCode.ServiceUnavailable or System.Net.HttpStatusCode.TooManyRequests
                    && response.Headers.RetryAfter is not null
                    && time.GetElapsedTime(start) < LoginRetryWindow)
                {
                    await Task.Delay(LoginRetryPause, time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                return await ReadTokenAsync(response, url, user, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<StorefrontCredentials> ReadTokenAsync(HttpResponseMessage response, Uri url, string user, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Logging in as {user} at POST {url} answered {(int)response.StatusCode}: {body}. Pass --admin-user/--admin-password of an admin account, or --admin-token.");
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return StorefrontCredentials.AdminToken(json.RootElement.GetProperty("accessToken").GetString() ?? "");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidOperationException($"POST {url} answered 200 without an accessToken: {body}", ex);
        }
    }
}
