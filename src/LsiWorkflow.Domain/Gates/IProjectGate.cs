namespace LsiWorkflow.Domain.Gates;

/// <summary>One named rule a project transition must pass.</summary>
public interface IProjectGate
{
    /// <summary>Stable name, stored with refusals and shown next to them; never rename.</summary>
    string Name { get; }

    /// <summary>The rule in Dutch, for the user interface.</summary>
    string Explanation { get; }

    GateResult Check(Project project, ProjectTransition transition, ProjectGateContext context);
}
