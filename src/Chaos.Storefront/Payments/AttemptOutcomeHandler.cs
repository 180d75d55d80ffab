using System.Net;

namespace Chaos.Storefront.Payments;

/// <summary>
/// The innermost handler of a gateway's HttpClient: notes in the request's <see cref="AttemptLog"/> every attempt whose
/// outcome is unknown, that is, one the gateway may have acted on without us learning the result.
/// </summary>
internal sealed class AttemptOutcomeHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.TryGetValue(AttemptLog.Key, out var log);
        log?.AttemptStarted();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (IsAmbiguous(response.StatusCode))
            {
                log?.MarkUnknown($"HTTP {(int)response.StatusCode}");
            }

            return response;
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConnectionError)
        {
            // The connection was never established, so the request was never sent.
            throw;
        }
        catch (OperationCanceledException)
        {
            log?.MarkUnknown("timed out");
            throw;
        }
        catch (Exception ex)
        {
            log?.MarkUnknown(ex.GetType().Name);
            throw;
        }
    }

    /// <summary>
    /// 503 and 4xx (except 408) are a gateway's definitive refusal; 408 and other 5xx may come after the work was done.
    /// </summary>
    public static bool IsAmbiguous(HttpStatusCode status) =>
        status == HttpStatusCode.RequestTimeout || ((int)status >= 500 && status != HttpStatusCode.ServiceUnavailable);
}
