namespace Chaos.Engine.Scenarios;

/// <summary>How a load phase makes traffic.</summary>
public enum LoadModel
{
    /// <summary>Open model: journeys arrive at a rate whatever the system does (<c>inject</c>, <c>rampingInject</c>).</summary>
    Open,

    /// <summary>
    /// Closed model: a number of virtual users (copies) each loop journeys, one at a time, with a think time between them
    /// (<c>keepConstant</c>, <c>rampingConstant</c>).
    /// </summary>
    Closed,
}
