namespace LsiWorkflow.Faults;

public sealed class TwoNodesScenario(FaultSettings settings)
{
    public Task<Figures> RunAsync() => throw new NotSupportedException(settings.HostDll);
}
