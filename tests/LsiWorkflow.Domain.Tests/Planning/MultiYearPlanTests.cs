namespace LsiWorkflow.Domain.Tests.Planning;

public class MultiYearPlanTests
{
    private static MultiYearPlan Plan() => new("Meerjarenplan LSI 2024–2027", 2024, 2027);

    [Fact]
    public void Progress_reports_are_planned_for_June_of_each_plan_year_once()
    {
        var plan = Plan();
        foreach (var year in plan.Years)
        {
            plan.PlanProgressReport(year);
        }

        Assert.Equal([2024, 2025, 2026, 2027], plan.ProgressReports.Select(r => r.Year));
        Assert.All(plan.ProgressReports, r => Assert.Equal(6, r.PlannedOn.Month));
        Assert.Throws<DomainRuleException>(() => plan.PlanProgressReport(2025));
        Assert.Throws<ArgumentOutOfRangeException>(() => plan.PlanProgressReport(2028));
    }

    [Fact]
    public void Agenda_items_belong_to_a_plan_year()
    {
        var plan = Plan();
        var theme = plan.AddTheme("Arbeidsuitbuiting");

        var item = plan.AddAgendaItem(2025, "Verkenning", theme);

        Assert.Equal(theme.Id, item.ThemeId);
        Assert.Throws<ArgumentOutOfRangeException>(() => plan.AddAgendaItem(2023, "Te vroeg"));
    }

    [Fact]
    public void A_working_group_is_adopted_by_a_steering_group_member()
    {
        var member = Make.Member();

        var group = Plan().AddWorkingGroup("Werkgroep gegevensdeling", member);

        Assert.Equal(member.Id, group.AdoptedByMemberId);
    }

    [Fact]
    public void Theme_names_are_unique_within_a_plan()
    {
        var plan = Plan();
        plan.AddTheme("Arbeidsuitbuiting");

        Assert.Throws<DomainRuleException>(() => plan.AddTheme("arbeidsuitbuiting"));
    }
}
