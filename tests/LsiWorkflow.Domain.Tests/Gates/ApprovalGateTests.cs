using LsiWorkflow.Domain.Gates;

namespace LsiWorkflow.Domain.Tests.Gates;

public class ApprovalGateTests
{
    [Fact]
    public void HasAdoptingSteeringGroupMember_passes_once_a_member_adopts_the_project()
    {
        var project = Make.Project();
        project.AdoptBy(Make.Member());

        Assert.True(ProjectGates.HasAdoptingSteeringGroupMember.Check(project, ProjectTransition.Approve, Make.Context()).Passed);
    }

    [Fact]
    public void HasAdoptingSteeringGroupMember_fails_without_an_adopting_member()
    {
        var result = ProjectGates.HasAdoptingSteeringGroupMember.Check(Make.Project(), ProjectTransition.Approve, Make.Context());

        var reason = Assert.Single(result.Reasons);
        Assert.Equal("Het project is nog niet geadopteerd door een lid van de Stuurgroep.", reason.Message);
    }

    [Fact]
    public void HasPrivacyProtocol_passes_with_a_protocol_reference()
    {
        var project = Make.Project();
        project.SetPrivacyProtocol("Model-privacyprotocol LSI");

        Assert.True(ProjectGates.HasPrivacyProtocol.Check(project, ProjectTransition.Approve, Make.Context()).Passed);
    }

    [Fact]
    public void HasPrivacyProtocol_fails_without_a_protocol()
    {
        var result = ProjectGates.HasPrivacyProtocol.Check(Make.Project(), ProjectTransition.Approve, Make.Context());

        Assert.Equal("Het project heeft nog geen privacyprotocol.", Assert.Single(result.Reasons).Message);
    }

    [Fact]
    public void Approval_reports_every_failing_reason_and_changes_nothing()
    {
        var project = Make.Project();
        project.Participants.Add(new ProjectParticipant(Organisation.IdFor(Organisations.Belastingdienst), sharesData: true));

        var result = project.Approve(Make.Context());

        Assert.Equal(
            ["NoDataSharingByTaxAuthorities", "HasAdoptingSteeringGroupMember", "HasPrivacyProtocol"],
            result.Reasons.Select(r => r.Gate));
        Assert.Equal(ProjectStatus.Proposed, project.Status);
        Assert.Null(project.ApprovedOn);
    }

    [Fact]
    public void Approval_does_not_wait_for_any_DPIA()
    {
        var project = Make.ReadyForApproval();

        Assert.True(project.Approve(Make.Context(jointAreaBased: DpiaStatus.Draft)).Passed);
        Assert.Equal(ProjectStatus.Approved, project.Status);
    }
}
