using Chaos.Engine.Faults;
using Chaos.Simulators.Identity;

namespace Chaos.Storefront.Tests.Auth;

/// <summary>Fault rules on the identity provider simulator.</summary>
internal static class AuthFaults
{
    /// <summary>Every route answers <paramref name="statusCode"/>: the identity provider is down.</summary>
    public static FaultRule Down(int statusCode = 503) =>
        new("idp-down", null, new FaultSpec { Kind = FaultKind.Status, StatusCode = statusCode });

    /// <summary>Only the token endpoint answers <paramref name="statusCode"/>: the login path is broken.</summary>
    public static FaultRule TokenRouteFails(int statusCode = 500) =>
        new("token-fails", IdentityProviderSimulator.TokenRoute, new FaultSpec { Kind = FaultKind.Status, StatusCode = statusCode });

    /// <summary>The token endpoint answers only after <paramref name="delay"/>: past the storefront's attempt timeout.</summary>
    public static FaultRule TokenRouteHangs(TimeSpan delay) =>
        new("token-hangs", IdentityProviderSimulator.TokenRoute, new FaultSpec { Kind = FaultKind.Latency, Delay = delay });

    public static int TokenCalls(this IdentityProviderSimulator identity) =>
        identity.Journal.Calls.Count(c => c.Route == IdentityProviderSimulator.TokenRoute);
}
