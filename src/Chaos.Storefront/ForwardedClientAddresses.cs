using Chaos.Storefront.Data;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront;

/// <summary>
/// Believes <c>X-Forwarded-For</c> from the trusted proxies of <c>Storefront:TrustedProxies</c> (ASP.NET Core's
/// forwarded headers middleware), so that the connection's remote address, and with it the login rate limit per client,
/// is the real client's behind a load balancer. A header from any other address is ignored, and with no proxy
/// configured (the default) every header is.
/// </summary>
internal static class ForwardedClientAddresses
{
    public static IServiceCollection AddForwardedClientAddresses(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<StorefrontOptions>>((forwarded, storefront) =>
            {
                // Walk the chain from the right while the hops are trusted proxies; the first other address is the client.
                forwarded.ForwardLimit = null;
                forwarded.KnownProxies.Clear();
                forwarded.KnownIPNetworks.Clear();
                foreach (var network in storefront.Value.TrustedProxies ?? [])
                {
                    // Start-up validation reports an entry that does not parse.
                    if (System.Net.IPNetwork.TryParse(network?.Trim() ?? "", out var parsed))
                    {
                        forwarded.KnownIPNetworks.Add(parsed);
                    }
                }

                // With no known proxy at all, the middleware would believe every sender: read no header instead.
                forwarded.ForwardedHeaders = forwarded.KnownIPNetworks.Count > 0 ? ForwardedHeaders.XForwardedFor : ForwardedHeaders.None;
            });
        return services;
    }

    /// <summary>Replaces the remote address with the forwarded one. Call first, before anything reads the client's address.</summary>
    public static IApplicationBuilder UseForwardedClientAddresses(this IApplicationBuilder app) => app.UseForwardedHeaders();
}
