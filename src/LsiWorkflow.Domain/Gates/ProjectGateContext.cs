namespace LsiWorkflow.Domain.Gates;

/// <summary>
/// What the gates need beyond the project itself. The caller loads it: the joint DPIAs in force
/// and the project's own format DPIA (absent ones stay null), and today's date from its clock.
/// </summary>
public sealed record ProjectGateContext(DateOnly Today)
{
    public Dpia? JointAreaBasedDpia { get; init; }

    public Dpia? JointPhenomenonBasedDpia { get; init; }

    public Dpia? ProjectDpia { get; init; }
}
