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
    public void An_agenda_item_is_due_on_its_day_or_else_at_the_end_of_its_year()
    {
        var plan = Plan();

        var dated = plan.AddAgendaItem(2024, "DPIA naar de Kamer", plannedOn: new DateOnly(2024, 3, 31));
        var undated = plan.AddAgendaItem(2025, "Verkenning");

        Assert.Equal(new DateOnly(2024, 3, 31), dated.DueOn);
        Assert.Null(undated.PlannedOn);
        Assert.Equal(new DateOnly(2025, 12, 31), undated.DueOn);
        Assert.Throws<ArgumentOutOfRangeException>(() => undated.PlanOn(new DateOnly(2026, 1, 15)));
        Assert.Throws<ArgumentOutOfRangeException>(() => plan.AddAgendaItem(2024, "Te laat gepland", plannedOn: new DateOnly(2025, 1, 1)));
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
