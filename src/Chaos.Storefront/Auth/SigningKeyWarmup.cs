using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Auth;

/// <summary>
/// Fetches the identity provider's discovery document and signing keys at start-up, so that tokens validate even if the
/// identity provider fails before the first one is used. Retries (2 s, doubling up to 1 min) until it succeeds; later refreshes are the
/// configuration manager's, which keeps the last keys it fetched whatever a refresh returns.
/// </summary>
internal sealed partial class SigningKeyWarmup(
    IOptionsMonitor<JwtBearerOptions> jwt, TimeProvider time, ILogger<SigningKeyWarmup> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let start-up finish first.
        await Task.Yield();
        var manager = jwt.Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager;
        if (manager is null)
        {
            return;
        }

        var delay = FirstRetryDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var configuration = await manager.GetConfigurationAsync(stoppingToken);
                LogKeysFetched(logger, configuration.SigningKeys.Count);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogKeysUnavailable(logger, ex.Message, delay);
            }

            try
            {
                await Task.Delay(delay, time, stoppingToken);
                delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {Count} signing keys of the identity provider.")]
    private static partial void LogKeysFetched(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing keys of the identity provider are unavailable ({Reason}); admin and POS answer 401 until they are fetched. Retrying in {Delay}.")]
    private static partial void LogKeysUnavailable(ILogger logger, string reason, TimeSpan delay);
}
