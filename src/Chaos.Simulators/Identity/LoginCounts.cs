namespace Chaos.Simulators.Identity;

/// <summary>Calls to the token endpoint of an <see cref="IdentityProviderSimulator"/>, by outcome.</summary>
/// <param name="Issued">Tokens issued (200).</param>
/// <param name="Rejected">Bad credentials or a bad request (400).</param>
/// <param name="Faulted">Calls answered by an injected fault or a malformed body.</param>
public sealed record LoginCounts(int Issued, int Rejected, int Faulted)
{
    /// <summary>Gets every call to the token endpoint.</summary>
    public int Total => Issued + Rejected + Faulted;
}
