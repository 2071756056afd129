namespace LsiWorkflow.Domain.Tests.Commitments;

public class CommitmentTests
{
    private static readonly DateOnly Due = new(2024, 3, 31);

    [Fact]
    public void An_open_commitment_is_late_only_after_its_due_date()
    {
        var commitment = new Commitment("DPIA naar de Kamer", "Kamerbrief evaluatie convenant LSI", Due);

        Assert.False(commitment.IsLate(Due));
        Assert.True(commitment.IsLate(Due.AddDays(1)));
    }

    [Fact]
    public void A_fulfilled_commitment_is_never_late_and_is_fulfilled_once()
    {
        var commitment = new Commitment("DPIA naar de Kamer", "Kamerbrief evaluatie convenant LSI", Due);

        commitment.Fulfil(Due.AddDays(10));

        Assert.False(commitment.IsLate(Due.AddYears(1)));
        Assert.Equal(Due.AddDays(10), commitment.FulfilledOn);
        Assert.Throws<DomainRuleException>(() => commitment.Fulfil(Due.AddDays(11)));
    }

    [Fact]
    public void A_milestone_is_late_until_it_is_reached()
    {
        var milestone = new Milestone("Stand van de uitvoering 2024", new DateOnly(2024, 6, 30), MilestoneSubject.MultiYearPlan, Guid.NewGuid());

        Assert.True(milestone.IsLate(new DateOnly(2024, 7, 1)));
        milestone.Reach(new DateOnly(2024, 7, 3));
        Assert.False(milestone.IsLate(new DateOnly(2024, 7, 4)));
    }
}
