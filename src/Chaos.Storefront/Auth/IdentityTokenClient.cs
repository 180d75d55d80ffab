using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Chaos.Storefront.Auth;

/// <summary>
/// Sends a password grant to the identity provider's token endpoint through the <c>identity</c> HttpClient (and so its
/// resilience pipeline) and classes the answer.
/// </summary>
internal sealed partial class IdentityTokenClient(IHttpClientFactory clients, IdentityCircuit circuit, ILogger<IdentityTokenClient> logger)
{
    /// <summary>The name of the HttpClient that calls the token endpoint.</summary>
    public const string HttpClientName = "identity";

    public async Task<TokenRequestResult> RequestTokenAsync(string username, string password, CancellationToken cancellationToken)
    {
        var result = await SendAsync(username, password, cancellationToken);
        circuit.RecordCall(result is not TokenRequestResult.Unavailable);
        if (result is TokenRequestResult.Unavailable unavailable)
        {
            LogUnavailable(logger, unavailable.Reason);
        }

        return result;
    }

    private async Task<TokenRequestResult> SendAsync(string username, string password, CancellationToken cancellationToken)
    {
        try
        {
            using var form = new FormUrlEncodedContent(
            [
                new("grant_type", "password"),
                new("username", username),
                new("password", password),
            ]);

            // A buffered body, so the retry resends the same bytes.
            await form.LoadIntoBufferAsync(cancellationToken);
            using var response = await clients.CreateClient(HttpClientName).PostAsync("oauth/token", form, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized && IsInvalidGrant(body))
            {
                return new TokenRequestResult.InvalidCredentials();
            }

            if (!response.IsSuccessStatusCode)
            {
                return new TokenRequestResult.Unavailable($"HTTP {(int)response.StatusCode}");
            }

            return ReadToken(body);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Whatever went wrong on the way, login answers 503 rather than 500.
            return new TokenRequestResult.Unavailable(ex switch
            {
                BrokenCircuitException => "circuit open",
                TimeoutRejectedException or OperationCanceledException => "timed out",
                HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => "connection refused",
                _ => ex.GetType().Name,
            });
        }
    }

    private static bool IsInvalidGrant(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.String
                && error.GetString() == "invalid_grant";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads the token's expiry and role without validating it: it is validated, like every token, when it is used.
    /// </summary>
    private static TokenRequestResult ReadToken(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object
                || !json.RootElement.TryGetProperty("access_token", out var accessToken)
                || accessToken.ValueKind != JsonValueKind.String)
            {
                return new TokenRequestResult.Unavailable("answer without access_token");
            }

            var token = accessToken.GetString()!;
            var jwt = new JsonWebToken(token);
            if (!jwt.TryGetPayloadValue<string>(AuthPolicies.RoleClaim, out var role) || string.IsNullOrEmpty(role) || jwt.ValidTo == DateTime.MinValue)
            {
                return new TokenRequestResult.Unavailable("token without role or exp");
            }

            return new TokenRequestResult.Issued(token, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero), role);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException)
        {
            return new TokenRequestResult.Unavailable("unreadable token answer");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Login through the identity provider failed: {Reason}; answering 503.")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
