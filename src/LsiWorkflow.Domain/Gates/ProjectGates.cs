namespace LsiWorkflow.Domain.Gates;

/// <summary>Which gates guard which transition, and the evaluation that reports every failing reason at once.</summary>
public static class ProjectGates
{
    public static IProjectGate AllowedTransition { get; } = new AllowedTransition();

    public static IProjectGate JointAreaBasedDpiaAdopted { get; } = new JointAreaBasedDpiaAdopted();

    public static IProjectGate PhenomenonProjectHasOwnDpia { get; } = new PhenomenonProjectHasOwnDpia();

    public static IProjectGate NoDataSharingByTaxAuthorities { get; } = new NoDataSharingByTaxAuthorities();

    public static IProjectGate HasAdoptingSteeringGroupMember { get; } = new HasAdoptingSteeringGroupMember();

    public static IProjectGate HasPrivacyProtocol { get; } = new HasPrivacyProtocol();

    public static IReadOnlyList<IProjectGate> All { get; } =
    [
        AllowedTransition,
        JointAreaBasedDpiaAdopted,
        PhenomenonProjectHasOwnDpia,
        NoDataSharingByTaxAuthorities,
        HasAdoptingSteeringGroupMember,
        HasPrivacyProtocol,
    ];

    public static IReadOnlyList<IProjectGate> For(ProjectTransition transition) => transition switch
    {
        ProjectTransition.Approve => [AllowedTransition, NoDataSharingByTaxAuthorities, HasAdoptingSteeringGroupMember, HasPrivacyProtocol],
        // The DPIA gates guard only the step into Started: a project already running is never stopped by them.
        ProjectTransition.Start => [AllowedTransition, JointAreaBasedDpiaAdopted, PhenomenonProjectHasOwnDpia, NoDataSharingByTaxAuthorities],
        _ => [AllowedTransition],
    };

    public static GateResult Evaluate(Project project, ProjectGateContext context, ProjectTransition transition)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(context);
        return GateResult.Combine(For(transition).Select(gate => gate.Check(project, transition, context)));
    }
}
