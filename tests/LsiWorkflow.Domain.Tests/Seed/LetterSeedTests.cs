using LsiWorkflow.Domain.Gates;
using LsiWorkflow.Domain.Seed;

namespace LsiWorkflow.Domain.Tests.Seed;

/// <summary>The seed must say what the letter says (see docs/letter/; LetterFactsTests holds the seed to docs/letter/facts.md).</summary>
public class LetterSeedTests
{
    private readonly LetterSeedData seed = LetterSeed.Build();

    [Fact]
    public void Recommendations_are_numbered_as_in_the_letter()
    {
        var numbers = seed.Evaluation.Recommendations.Select(r => r.Number);

        Assert.Equal(["1", "2", "2a", "2b", "2c", "3", "3a", "3b", "3c", "3d", "4"], numbers);
    }

    [Theory]
    [InlineData("2", new[] { "2a", "2b", "2c" })]
    [InlineData("3", new[] { "3a", "3b", "3c", "3d" })]
    [InlineData("1", new string[0])]
    [InlineData("4", new string[0])]
    public void Sub_items_hang_under_their_area(string parent, string[] children)
    {
        var evaluation = seed.Evaluation;

        Assert.Null(evaluation.Find(parent)!.ParentId);
        Assert.Equal(children, evaluation.ChildrenOf(evaluation.Find(parent)!).Select(r => r.Number));
    }

    [Fact]
    public void Every_recommendation_but_the_two_area_headings_has_an_action()
    {
        var withoutAction = seed.Evaluation.Recommendations.Where(r => r.FollowUpActions.Count == 0).Select(r => r.Number);

        Assert.Equal(["2", "3"], withoutAction);
    }

    [Fact]
    public void The_independent_coordinator_is_not_followed_and_the_secretariat_grew_instead()
    {
        var actions = seed.Evaluation.Find("2b")!.FollowUpActions;

        var rejected = Assert.Single(actions, a => a.Status == FollowUpStatus.Rejected);
        Assert.Contains("wetswijziging", rejected.Decision, StringComparison.Ordinal);
        var done = Assert.Single(actions, a => a.Status == FollowUpStatus.Done);
        Assert.Contains("1 fte", done.Description, StringComparison.Ordinal);
        Assert.Equal(Organisation.IdFor(Organisations.Szw), done.OwnerOrganisationId);
    }

    [Fact]
    public void The_RPF_proposal_is_owned_by_the_VNG()
    {
        var action = Assert.Single(seed.Evaluation.Find("2c")!.FollowUpActions);

        Assert.Equal(Organisation.IdFor(Organisations.Vng), action.OwnerOrganisationId);
        Assert.Equal(FollowUpStatus.Open, action.Status);
    }

    [Fact]
    public void The_evaluation_covers_2017_to_2022_by_Berenschot_with_the_letters_focus_points()
    {
        var evaluation = seed.Evaluation;

        Assert.Equal((2017, 2022), (evaluation.FirstYear, evaluation.LastYear));
        Assert.Equal("Berenschot", evaluation.Evaluator);
        Assert.Equal(4, evaluation.FocusPoints.Count);
        Assert.Equal(EvaluationStatus.Completed, evaluation.Status);
        Assert.Equal(seed.Covenant.Id, evaluation.CovenantId);
    }

    [Fact]
    public void The_2017_convenant_is_published_and_next_evaluated_in_2027()
    {
        var covenant = seed.Covenant;

        Assert.Equal(2017, covenant.VersionYear);
        Assert.Equal("Stcrt. 2017, nr. 20624", covenant.PublicationReference);
        Assert.Equal(5, covenant.EvaluationIntervalYears);
        Assert.Equal(new DateOnly(2027, 7, 1), covenant.NextEvaluationDue(LetterSeed.LetterSentOn));
        Assert.Equal(7, covenant.Signatories.Count);
    }

    [Fact]
    public void Sending_the_evaluation_report_is_fulfilled_by_the_letter()
    {
        var report = seed.Commitments.Single(c => c.Id == LetterSeed.Id("commitment:evaluation-report"));

        Assert.Equal(CommitmentStatus.Fulfilled, report.Status);
        Assert.Equal(LetterSeed.JanuaryLetterTitle, report.SourceLetter);
    }

    [Fact]
    public void The_joint_area_based_DPIA_is_not_adopted_so_new_area_based_projects_wait()
    {
        Assert.Equal(DpiaKind.JointAreaBased, seed.JointAreaBasedDpia.Kind);
        Assert.Equal(DpiaStatus.Draft, seed.JointAreaBasedDpia.Status);

        var project = Make.Approved();
        var result = project.Start(new ProjectGateContext(LetterSeed.LetterSentOn) { JointAreaBasedDpia = seed.JointAreaBasedDpia });

        Assert.Equal("JointAreaBasedDpiaAdopted", Assert.Single(result.Reasons).Gate);
    }

    [Theory]
    [InlineData(Organisations.Belastingdienst)]
    [InlineData(Organisations.DienstToeslagen)]
    public void The_seeded_tax_authorities_share_no_data_in_area_based_projects(string code)
    {
        var organisation = seed.Organisations.Single(o => o.Code == code);
        var project = Make.Project(ProjectKind.AreaBased);

        Assert.False(project.AddParticipant(organisation, sharesData: true).Passed);
        Assert.True(project.AddParticipant(organisation, sharesData: false).Passed);
    }

    [Fact]
    public void The_steering_group_has_one_member_per_partner()
    {
        var organisations = seed.SteeringGroup.Members.Select(m => seed.Organisations.Single(o => o.Id == m.OrganisationId).Code);

        Assert.Equal(["BD", "DT", "IND", "NLA", "SVB", "UWV", "VNG"], organisations.Order());
    }

    [Fact]
    public void The_plan_runs_2024_to_2027_with_a_June_progress_report_each_year()
    {
        var plan = seed.Plan;

        Assert.Equal((2024, 2027), (plan.FirstYear, plan.LastYear));
        Assert.Equal([2024, 2025, 2026, 2027], plan.ProgressReports.Select(r => r.Year));
        Assert.All(plan.ProgressReports, r => Assert.Equal(new DateOnly(r.Year, 6, 30), r.PlannedOn));
        Assert.NotEmpty(plan.Themes);
        Assert.Contains(plan.WorkAgreements, a => a.Text.Contains("geadopteerd door een lid van de Stuurgroep", StringComparison.Ordinal));
    }

    [Fact]
    public void Milestones_mark_the_convenant_cycle_and_the_progress_reports()
    {
        var cycle = seed.Milestones.Where(m => m.Subject == MilestoneSubject.CovenantCycle).OrderBy(m => m.PlannedOn).ToList();
        var reports = seed.Milestones.Where(m => m.Subject == MilestoneSubject.MultiYearPlan);

        Assert.Equal([2017, 2022, 2027], cycle.Select(m => m.PlannedOn.Year));
        Assert.All(cycle, m => Assert.Equal(seed.Covenant.Id, m.SubjectId));
        Assert.NotNull(cycle[1].ActualOn);
        Assert.Null(cycle[2].ActualOn);
        Assert.Equal([2024, 2025, 2026, 2027], reports.Select(m => m.PlannedOn.Year));
    }

    [Fact]
    public void A_plan_stored_before_agenda_items_had_days_gets_the_letters_days_and_keeps_a_day_someone_set()
    {
        var seeded = seed.Plan;
        // As an earlier seed stored it: the same items, no days.
        var stored = new MultiYearPlan(seeded.Title, seeded.FirstYear, seeded.LastYear, seeded.Id);
        foreach (var item in seeded.AgendaItems)
        {
            stored.AddAgendaItem(item.Year, item.Title, id: item.Id);
        }

        var focusGroup = stored.AgendaItems.Single(a => a.Id == LetterSeed.Id("agenda:2024:focus-group"));
        focusGroup.PlanOn(new DateOnly(2024, 9, 15));

        var planned = LetterSeed.FillInPlannedDays(stored, seeded);

        var dpia = Assert.Single(planned);
        Assert.Equal(LetterSeed.Id("agenda:2024:dpia"), dpia.Id);
        Assert.Equal(new DateOnly(2024, 3, 31), dpia.PlannedOn);
        Assert.Equal(new DateOnly(2024, 9, 15), focusGroup.PlannedOn);
        Assert.All(stored.AgendaItems.Where(a => a.Id != dpia.Id && a.Id != focusGroup.Id), a => Assert.Null(a.PlannedOn));
        Assert.Empty(LetterSeed.FillInPlannedDays(stored, seeded));
    }

    [Fact]
    public void Building_twice_gives_the_same_unique_ids()
    {
        var first = AllIds(seed);
        var second = AllIds(LetterSeed.Build());

        Assert.Equal(first, second);
        Assert.Equal(first.Count, first.Distinct().Count());
    }

    private static List<Guid> AllIds(LetterSeedData data)
    {
        IEnumerable<Entity> entities =
        [
            .. data.Organisations,
            data.SteeringGroup, .. data.SteeringGroup.Members,
            data.Covenant, .. data.Covenant.Signatories,
            data.Evaluation, .. data.Evaluation.Recommendations, .. data.Evaluation.Recommendations.SelectMany(r => r.FollowUpActions),
            data.JointAreaBasedDpia,
            .. data.Commitments,
            data.Plan, .. data.Plan.Themes, .. data.Plan.Themes.SelectMany(t => t.Phenomena), .. data.Plan.AgendaItems,
            .. data.Plan.WorkingGroups, .. data.Plan.WorkAgreements, .. data.Plan.ProgressReports,
            .. data.Milestones,
        ];
        return entities.Select(e => e.Id).ToList();
    }
}
