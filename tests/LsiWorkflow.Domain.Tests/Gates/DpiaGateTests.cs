using LsiWorkflow.Domain.Gates;

namespace LsiWorkflow.Domain.Tests.Gates;

public class DpiaGateTests
{
    private const string Moratorium = "Geen nieuwe wijkgerichte aanpak zolang de gezamenlijke DPIA wijkgerichte aanpak niet is vastgesteld.";

    [Fact]
    public void JointAreaBasedDpiaAdopted_passes_when_the_joint_DPIA_is_adopted()
    {
        var result = ProjectGates.JointAreaBasedDpiaAdopted.Check(Make.Approved(), ProjectTransition.Start, Make.Context(jointAreaBased: DpiaStatus.Adopted));

        Assert.True(result.Passed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(DpiaStatus.Draft)]
    [InlineData(DpiaStatus.InReview)]
    public void JointAreaBasedDpiaAdopted_fails_until_the_joint_DPIA_is_adopted(DpiaStatus? status)
    {
        var result = ProjectGates.JointAreaBasedDpiaAdopted.Check(Make.Approved(), ProjectTransition.Start, Make.Context(jointAreaBased: status));

        Assert.Equal(Moratorium, Assert.Single(result.Reasons).Message);
    }

    [Fact]
    public void JointAreaBasedDpiaAdopted_does_not_accept_another_kind_of_DPIA()
    {
        var context = Make.Context() with { JointAreaBasedDpia = Make.JointDpia(DpiaKind.JointPhenomenonBased, DpiaStatus.Adopted) };

        Assert.False(ProjectGates.JointAreaBasedDpiaAdopted.Check(Make.Approved(), ProjectTransition.Start, context).Passed);
    }

    [Fact]
    public void JointAreaBasedDpiaAdopted_leaves_phenomenon_based_projects_alone()
    {
        var project = Make.Approved(ProjectKind.PhenomenonBased);

        Assert.True(ProjectGates.JointAreaBasedDpiaAdopted.Check(project, ProjectTransition.Start, Make.Context(jointAreaBased: DpiaStatus.Draft)).Passed);
    }

    [Fact]
    public void PhenomenonProjectHasOwnDpia_passes_with_its_own_adopted_format_DPIA()
    {
        var project = Make.Approved(ProjectKind.PhenomenonBased);
        var context = Make.Context(projectDpia: Make.ProjectDpia(project, DpiaStatus.Adopted));

        Assert.True(project.Start(context).Passed);
        Assert.Equal(ProjectStatus.Started, project.Status);
    }

    [Fact]
    public void PhenomenonProjectHasOwnDpia_fails_without_a_DPIA()
    {
        var project = Make.Approved(ProjectKind.PhenomenonBased);

        var result = project.Start(Make.Context());

        var reason = Assert.Single(result.Reasons);
        Assert.Equal("PhenomenonProjectHasOwnDpia", reason.Gate);
        Assert.Equal("Een fenomeengericht project start pas als zijn eigen (format)DPIA is vastgesteld.", reason.Message);
        Assert.Equal(ProjectStatus.Approved, project.Status);
    }

    [Fact]
    public void PhenomenonProjectHasOwnDpia_fails_while_its_DPIA_is_not_adopted()
    {
        var project = Make.Approved(ProjectKind.PhenomenonBased);

        var result = project.Start(Make.Context(projectDpia: Make.ProjectDpia(project, DpiaStatus.InReview)));

        Assert.False(result.Passed);
    }

    [Fact]
    public void PhenomenonProjectHasOwnDpia_does_not_accept_another_projects_DPIA()
    {
        var project = Make.Approved(ProjectKind.PhenomenonBased);
        var other = Make.Project(ProjectKind.PhenomenonBased);

        var result = project.Start(Make.Context(projectDpia: Make.ProjectDpia(other, DpiaStatus.Adopted)));

        Assert.False(result.Passed);
    }

    [Fact]
    public void PhenomenonProjectHasOwnDpia_is_satisfied_by_an_adopted_joint_phenomenon_based_DPIA()
    {
        var project = Make.Approved(ProjectKind.PhenomenonBased);

        Assert.True(project.Start(Make.Context(jointPhenomenonBased: DpiaStatus.Adopted)).Passed);
    }

    [Fact]
    public void PhenomenonProjectHasOwnDpia_is_not_satisfied_by_a_joint_phenomenon_based_DPIA_in_review()
    {
        var project = Make.Approved(ProjectKind.PhenomenonBased);

        Assert.False(project.Start(Make.Context(jointPhenomenonBased: DpiaStatus.InReview)).Passed);
    }

    [Fact]
    public void PhenomenonProjectHasOwnDpia_leaves_area_based_projects_alone()
    {
        Assert.True(ProjectGates.PhenomenonProjectHasOwnDpia.Check(Make.Approved(), ProjectTransition.Start, Make.Context()).Passed);
    }
}
