namespace LsiWorkflow.Faults;

public sealed class RaceScenario(FaultSettings settings)
{
    public Task<Figures> RunAsync() => throw new NotSupportedException(settings.HostDll);
}
