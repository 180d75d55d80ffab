namespace Chaos.Engine.Faults;

/// <summary>How a fault spoils the body of an answer.</summary>
public enum BodyFault
{
    /// <summary>The body is left alone.</summary>
    None,

    /// <summary>A 200 whose body is not the contract (not JSON); the request is not served.</summary>
    Malformed,

    /// <summary>The request is served and its JSON body is cut mid-way.</summary>
    Truncated,
}
