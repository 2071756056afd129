using LsiWorkflow.Domain.Gates;

namespace LsiWorkflow.Domain.Tests.Gates;

/// <summary>The letter: while the renewed joint DPIA is being written no new area-based approach starts; started ones continue.</summary>
public class DpiaMoratoriumScenarioTests
{
    [Fact]
    public void A_new_area_based_project_waits_for_the_joint_DPIA_while_a_started_one_keeps_running()
    {
        // Started under the earlier joint DPIA, before the renewal began.
        var running = Make.Approved();
        Assert.True(running.Start(Make.Context(jointAreaBased: DpiaStatus.Adopted) with { Today = new DateOnly(2023, 3, 1) }).Passed);

        var renewed = Make.JointDpia(DpiaKind.JointAreaBased, DpiaStatus.InReview);
        var duringRenewal = new ProjectGateContext(new DateOnly(2024, 1, 15)) { JointAreaBasedDpia = renewed };
        var blocked = Make.Approved();

        var result = blocked.Start(duringRenewal);

        var reason = Assert.Single(result.Reasons);
        Assert.Equal("JointAreaBasedDpiaAdopted", reason.Gate);
        Assert.Equal("Geen nieuwe wijkgerichte aanpak zolang de gezamenlijke DPIA wijkgerichte aanpak niet is vastgesteld.", reason.Message);
        Assert.Equal(ProjectStatus.Approved, blocked.Status);
        Assert.Equal(ProjectStatus.Started, running.Status);
        Assert.True(ProjectGates.Evaluate(running, duringRenewal, ProjectTransition.Close).Passed);

        renewed.Approve(Organisations.Get(Organisations.Uwv), "Functionaris gegevensbescherming", new DateOnly(2024, 3, 20));
        renewed.Adopt(new DateOnly(2024, 3, 28));
        var afterAdoption = duringRenewal with { Today = new DateOnly(2024, 4, 2) };

        Assert.True(blocked.Start(afterAdoption).Passed);
        Assert.Equal(ProjectStatus.Started, blocked.Status);
        Assert.Equal(new DateOnly(2024, 4, 2), blocked.StartedOn);
    }
}
