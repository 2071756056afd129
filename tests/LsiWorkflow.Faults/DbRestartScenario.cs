namespace LsiWorkflow.Faults;

public sealed class DbRestartScenario(FaultSettings settings)
{
    public Task<Figures> RunAsync() => throw new NotSupportedException(settings.HostDll);
}
