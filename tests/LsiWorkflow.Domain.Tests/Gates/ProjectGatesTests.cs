using LsiWorkflow.Domain.Gates;

namespace LsiWorkflow.Domain.Tests.Gates;

public class ProjectGatesTests
{
    [Theory]
    [InlineData(ProjectTransition.Approve, new[] { "AllowedTransition", "NoDataSharingByTaxAuthorities", "HasAdoptingSteeringGroupMember", "HasPrivacyProtocol" })]
    [InlineData(ProjectTransition.Start, new[] { "AllowedTransition", "JointAreaBasedDpiaAdopted", "PhenomenonProjectHasOwnDpia", "NoDataSharingByTaxAuthorities" })]
    [InlineData(ProjectTransition.Close, new[] { "AllowedTransition" })]
    [InlineData(ProjectTransition.Reject, new[] { "AllowedTransition" })]
    public void Each_transition_is_guarded_by_its_gates(ProjectTransition transition, string[] gates)
    {
        Assert.Equal(gates, ProjectGates.For(transition).Select(g => g.Name));
    }

    [Fact]
    public void Every_gate_has_a_unique_name_and_a_Dutch_explanation()
    {
        Assert.Equal(ProjectGates.All.Count, ProjectGates.All.Select(g => g.Name).Distinct().Count());
        Assert.All(ProjectGates.All, g => Assert.False(string.IsNullOrWhiteSpace(g.Explanation)));
    }

    [Fact]
    public void Starting_reports_every_failing_gate_at_once()
    {
        var project = Make.Approved();
        project.Participants.Add(new ProjectParticipant(Organisation.IdFor(Organisations.DienstToeslagen), sharesData: true));

        var result = project.Start(Make.Context(jointAreaBased: DpiaStatus.Draft));

        Assert.Equal(["JointAreaBasedDpiaAdopted", "NoDataSharingByTaxAuthorities"], result.Reasons.Select(r => r.Gate));
        Assert.Equal(ProjectStatus.Approved, project.Status);
    }
}
