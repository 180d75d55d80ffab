namespace Chaos.Simulators.Identity;

/// <summary>How a token made by <see cref="IdentityProviderSimulator.CreateForeignToken"/> differs from a genuine one.</summary>
public enum ForeignTokenKind
{
    /// <summary>RS256, with the genuine key id in its header, but signed by a key the simulator never published.</summary>
    ForeignKey,

    /// <summary>Signed by the genuine key, with an issuer that is not the simulator's.</summary>
    WrongIssuer,

    /// <summary>Signed by the genuine key, with an audience that is not the storefront's.</summary>
    WrongAudience,

    /// <summary><c>alg: none</c> and no signature.</summary>
    Unsigned,

    /// <summary>HS256 with the genuine public key (its JWKS modulus) as the HMAC secret: the algorithm-confusion attack.</summary>
    SymmetricWithPublicKey,
}
