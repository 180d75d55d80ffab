namespace BankTransfers;

/// <summary>
/// Below the resilience pipeline, so that every attempt of a transfer passes through it: marks the transfer as one that
/// may have reached the bank as soon as an attempt got further than connecting (an answer, a timeout, a broken
/// connection). <see cref="BankClient"/> sends a transfer to a second endpoint only while none did.
/// </summary>
public sealed class TransferAttemptsHandler : DelegatingHandler
{
    /// <summary>The request option that carries a transfer's <see cref="Attempts"/> through the pipeline to this handler.</summary>
    public static readonly HttpRequestOptionsKey<Attempts> Key = new("BankTransfers.TransferAttempts");

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var reached = true;
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            // No connection: this attempt sent nothing.
            reached = false;
            throw;
        }
        finally
        {
            if (reached && request.Options.TryGetValue(Key, out var attempts))
            {
                attempts.MayHaveReachedTheBank = true;
            }
        }
    }

    /// <summary>What the attempts of one transfer did, over all its endpoints.</summary>
    public sealed class Attempts
    {
        /// <summary>Gets or sets whether an attempt got further than connecting, so the bank may have made the transfer.</summary>
        public bool MayHaveReachedTheBank { get; set; }
    }
}
