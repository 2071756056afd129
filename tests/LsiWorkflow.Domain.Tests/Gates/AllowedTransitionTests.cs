using LsiWorkflow.Domain.Gates;

namespace LsiWorkflow.Domain.Tests.Gates;

public class AllowedTransitionTests
{
    [Fact]
    public void Starting_a_proposed_project_is_refused_with_a_Dutch_reason()
    {
        var project = Make.ReadyForApproval();

        var result = project.Start(Make.Context(jointAreaBased: DpiaStatus.Adopted));

        var reason = Assert.Single(result.Reasons);
        Assert.Equal("AllowedTransition", reason.Gate);
        Assert.Equal("Een project met status 'voorgesteld' kan niet worden gestart.", reason.Message);
        Assert.Equal(ProjectStatus.Proposed, project.Status);
    }

    [Theory]
    [InlineData(ProjectTransition.Approve)]
    [InlineData(ProjectTransition.Start)]
    [InlineData(ProjectTransition.Close)]
    [InlineData(ProjectTransition.Reject)]
    public void Nothing_leaves_a_closed_project(ProjectTransition transition)
    {
        var project = Make.Approved();
        Assert.True(project.Start(Make.Context(jointAreaBased: DpiaStatus.Adopted)).Passed);
        Assert.True(project.Close(Make.Today).Passed);

        var result = ProjectGates.Evaluate(project, Make.Context(jointAreaBased: DpiaStatus.Adopted), transition);

        Assert.Contains(result.Reasons, r => r.Gate == "AllowedTransition" && r.Message.Contains("afgesloten", StringComparison.Ordinal));
    }

    [Fact]
    public void Rejecting_a_started_project_is_refused()
    {
        var project = Make.Approved();
        Assert.True(project.Start(Make.Context(jointAreaBased: DpiaStatus.Adopted)).Passed);

        var result = project.Reject(Make.Today, "Geen capaciteit");

        Assert.False(result.Passed);
        Assert.Equal(ProjectStatus.Started, project.Status);
        Assert.Null(project.RejectedOn);
    }

    [Fact]
    public void A_proposed_or_approved_project_can_be_rejected_with_its_reason_and_date()
    {
        var proposed = Make.Project();
        var approved = Make.Approved();

        Assert.True(proposed.Reject(Make.Today, "Buiten de thema's van het meerjarenplan").Passed);
        Assert.True(approved.Reject(Make.Today, "Geen capaciteit").Passed);

        Assert.Equal(ProjectStatus.Rejected, proposed.Status);
        Assert.Equal(Make.Today, proposed.RejectedOn);
        Assert.Equal("Geen capaciteit", approved.RejectionReason);
    }

    [Fact]
    public void Each_transition_records_its_date()
    {
        var project = Make.ReadyForApproval();
        var context = Make.Context(jointAreaBased: DpiaStatus.Adopted);

        Assert.True(project.Approve(context with { Today = new DateOnly(2024, 4, 1) }).Passed);
        Assert.True(project.Start(context with { Today = new DateOnly(2024, 5, 1) }).Passed);
        Assert.True(project.Close(new DateOnly(2024, 12, 1)).Passed);

        Assert.Equal(new DateOnly(2024, 4, 1), project.ApprovedOn);
        Assert.Equal(new DateOnly(2024, 5, 1), project.StartedOn);
        Assert.Equal(new DateOnly(2024, 12, 1), project.ClosedOn);
        Assert.Equal(ProjectStatus.Closed, project.Status);
    }
}
