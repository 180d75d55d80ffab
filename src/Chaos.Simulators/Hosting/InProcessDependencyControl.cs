using Chaos.Engine.Faults;

namespace Chaos.Simulators.Hosting;

/// <summary>The control surface of a simulator hosted in this process.</summary>
internal sealed class InProcessDependencyControl(string dependency, FaultInjector faults, SimulatorJournal journal) : IDependencyControl
{
    public string Dependency => dependency;

    public ValueTask ApplyAsync(FaultRule rule, CancellationToken cancellationToken)
    {
        faults.Apply(rule);
        return ValueTask.CompletedTask;
    }

    public ValueTask ClearAsync(string ruleName, CancellationToken cancellationToken)
    {
        faults.Clear(ruleName);
        return ValueTask.CompletedTask;
    }

    public ValueTask<DependencyJournal> ReadJournalAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(journal.Snapshot(dependency));
}
