namespace Chaos.Engine.Faults;

/// <summary>
/// The control surface of one simulated dependency: apply and clear fault rules, read its journal.
/// Implemented in process (simulators hosted by the harness) and remotely (simulators in another process),
/// so the same fault timeline drives both.
/// </summary>
public interface IDependencyControl
{
    /// <summary>Gets the dependency's name, for example <c>payments.primary</c>.</summary>
    string Dependency { get; }

    /// <summary>Applies a fault rule; a rule with the same name replaces the earlier one.</summary>
    ValueTask ApplyAsync(FaultRule rule, CancellationToken cancellationToken);

    /// <summary>Clears the fault rule of that name; clearing an unknown name does nothing.</summary>
    ValueTask ClearAsync(string ruleName, CancellationToken cancellationToken);

    /// <summary>Reads the dependency's journal: every call it answered and, for a gateway, every charge it made.</summary>
    ValueTask<DependencyJournal> ReadJournalAsync(CancellationToken cancellationToken);
}
