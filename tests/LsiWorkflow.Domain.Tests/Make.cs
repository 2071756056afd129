using LsiWorkflow.Domain.Gates;

namespace LsiWorkflow.Domain.Tests;

/// <summary>Small builders for the objects the gate tests arrange.</summary>
internal static class Make
{
    public static readonly DateOnly Today = new(2024, 2, 1);

    public static SteeringGroupMember Member() =>
        new SteeringGroup("LSI Stuurgroep").AddMember("A. de Vries", Organisations.Get(Organisations.Uwv));

    public static Project Project(ProjectKind kind = ProjectKind.AreaBased) =>
        new("Wijkaanpak Noord", kind, Today.AddMonths(-1), Organisations.Get(Organisations.Rotterdam));

    /// <summary>A proposed project with an adopting member and a privacy protocol: it passes every approval gate.</summary>
    public static Project ReadyForApproval(ProjectKind kind = ProjectKind.AreaBased)
    {
        var project = Project(kind);
        project.AdoptBy(Member());
        project.SetPrivacyProtocol("Privacyprotocol LSI 2024-01");
        return project;
    }

    public static Project Approved(ProjectKind kind = ProjectKind.AreaBased)
    {
        var project = ReadyForApproval(kind);
        Assert.True(project.Approve(new ProjectGateContext(Today)).Passed);
        return project;
    }

    public static Dpia JointDpia(DpiaKind kind, DpiaStatus status)
    {
        var dpia = Domain.Dpia.Joint(kind, "Gezamenlijke DPIA");
        return MoveTo(dpia, status);
    }

    public static Dpia ProjectDpia(Project project, DpiaStatus status) =>
        MoveTo(Domain.Dpia.ForProject(project, "Format-DPIA " + project.Name), status);

    public static ProjectGateContext Context(DpiaStatus? jointAreaBased = null, DpiaStatus? jointPhenomenonBased = null, Dpia? projectDpia = null) =>
        new(Today)
        {
            JointAreaBasedDpia = jointAreaBased is { } a ? JointDpia(DpiaKind.JointAreaBased, a) : null,
            JointPhenomenonBasedDpia = jointPhenomenonBased is { } p ? JointDpia(DpiaKind.JointPhenomenonBased, p) : null,
            ProjectDpia = projectDpia,
        };

    private static Dpia MoveTo(Dpia dpia, DpiaStatus status)
    {
        if (status >= DpiaStatus.InReview)
        {
            dpia.SubmitForReview();
        }

        if (status == DpiaStatus.Adopted)
        {
            dpia.Approve(Organisations.Get(Organisations.Szw), "Privacy Officer", Today.AddDays(-2));
            dpia.Adopt(Today.AddDays(-1));
        }

        return dpia;
    }
}
