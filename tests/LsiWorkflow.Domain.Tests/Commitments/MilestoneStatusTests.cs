namespace LsiWorkflow.Domain.Tests.Commitments;

public sealed class MilestoneStatusTests
{
    private static readonly DateOnly Planned = new(2027, 7, 1);

    [Theory]
    [InlineData(0, 1, MilestoneState.AtRisk)]   // on the planned day itself: not late yet
    [InlineData(1, 1, MilestoneState.AtRisk)]
    [InlineData(29, 1, MilestoneState.AtRisk)]  // the last day inside the window
    [InlineData(30, 1, MilestoneState.Planned)] // 30 days is not "less than 30"
    [InlineData(29, 0, MilestoneState.Planned)] // close, but nothing left to do
    [InlineData(0, 0, MilestoneState.Planned)]
    [InlineData(-1, 0, MilestoneState.Late)]    // the day after: late, with or without tasks
    [InlineData(-1, 3, MilestoneState.Late)]
    [InlineData(-400, 0, MilestoneState.Late)]
    public void State_follows_from_days_left_and_open_tasks(int daysLeft, int openTasks, MilestoneState expected)
    {
        var today = Planned.AddDays(-daysLeft);

        Assert.Equal(expected, MilestoneStatusRules.Evaluate(Planned, null, today, openTasks).State);
    }

    [Theory]
    [InlineData(-10)] // reached early
    [InlineData(0)]
    [InlineData(45)]  // reached late is still done: the lateness is in the two dates
    public void A_reached_milestone_is_done_whatever_the_clock_and_tasks_say(int reachedAfterPlanned)
    {
        var status = MilestoneStatusRules.Evaluate(Planned, Planned.AddDays(reachedAfterPlanned), Planned.AddDays(400), openTasks: 5);

        Assert.Equal(MilestoneState.Done, status.State);
    }

    [Fact]
    public void Each_state_carries_its_rule_in_dutch()
    {
        Assert.Equal("Te laat: geplande datum verstreken en niet gerealiseerd", MilestoneStatusRules.Evaluate(Planned, null, Planned.AddDays(1), 0).Rule);
        Assert.Equal("Risico: minder dan 30 dagen tot de geplande datum en nog open taken", MilestoneStatusRules.Evaluate(Planned, null, Planned, 1).Rule);
        Assert.All(MilestoneStatusRules.All, s => Assert.StartsWith(s.Label + ":", s.Rule, StringComparison.Ordinal));
        Assert.Equal(Enum.GetValues<MilestoneState>().Length, MilestoneStatusRules.All.Select(s => s.State).Distinct().Count());
    }

    [Fact]
    public void Negative_open_tasks_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MilestoneStatusRules.Evaluate(Planned, null, Planned, -1));
    }

    [Fact]
    public void A_milestone_asks_the_same_rules()
    {
        var milestone = new Milestone("Volgende evaluatie convenant", Planned, MilestoneSubject.CovenantCycle, Guid.NewGuid());

        Assert.Equal(MilestoneState.AtRisk, milestone.StatusOn(Planned.AddDays(-5), openTasks: 2).State);
        milestone.Reach(Planned.AddDays(-1));
        Assert.Equal(MilestoneState.Done, milestone.StatusOn(Planned.AddDays(-5), openTasks: 2).State);
    }
}
