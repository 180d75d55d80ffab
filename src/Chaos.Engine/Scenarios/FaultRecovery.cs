namespace Chaos.Engine.Scenarios;

/// <summary>How a fault window recovers after its end (<c>recovery:</c>).</summary>
public enum RecoveryShape
{
    /// <summary>Cleared at the end of the window.</summary>
    Instant,

    /// <summary>The injection rate ramps down to 0 over <see cref="FaultRecovery.Over"/> after the end, in <see cref="FaultRecovery.GradualSteps"/> steps.</summary>
    Gradual,

    /// <summary>Hosts of a cohort come back one by one, the first at the end, then one every <see cref="FaultRecovery.Every"/>.</summary>
    Staged,
}

/// <summary>How a fault window recovers: instantly, gradually or host by host.</summary>
public sealed record FaultRecovery
{
    /// <summary>The number of equal steps of a gradual recovery.</summary>
    public const int GradualSteps = 10;

    /// <summary>The recovery of a fault without <c>recovery:</c>: cleared at the end.</summary>
    public static readonly FaultRecovery Instant = new() { Shape = RecoveryShape.Instant };

    /// <summary>Gets the shape.</summary>
    public required RecoveryShape Shape { get; init; }

    /// <summary>Gets how long a gradual recovery lasts after the end.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan Over { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the time between two hosts coming back in a staged recovery.</summary>
    /// <value>Defaults to 10 seconds.</value>
    public TimeSpan Every { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets how long after the end the fault's last rule is cleared, for a recovery that does not depend on the host count.</summary>
    public TimeSpan Tail => Shape == RecoveryShape.Gradual ? Over : TimeSpan.Zero;
}
