using System.Globalization;
using LsiWorkflow.Domain.Gates;
using LsiWorkflow.Domain.Seed;

namespace LsiWorkflow.Domain.Tests.Seed;

/// <summary>
/// Holds the seed to docs/letter/facts.md, row by row: each fact of the letter is a test case named by its key,
/// so a seed date or record that drifts from the letter fails the case of that fact. The other way round, every
/// record of the seed that carries a fact of the letter must have its row.
/// </summary>
public class LetterFactsTests
{
    private const string OrganisationsSection = "Organisations";
    private const string RecommendationsSection = "Recommendations";
    private const string ActionsSection = "Follow-up actions";
    private const string CommitmentsSection = "Commitments to parliament";
    private const string DatesSection = "Dates";
    private const string OtherSection = "Other facts";

    private static readonly LetterFacts Facts = LetterFacts.Current;
    private readonly LetterSeedData seed = LetterSeed.Build();

    public static TheoryData<string> Organisations => LetterFacts.KeysOf(OrganisationsSection);

    public static TheoryData<string> Recommendations => LetterFacts.KeysOf(RecommendationsSection);

    public static TheoryData<string> Actions => LetterFacts.KeysOf(ActionsSection);

    public static TheoryData<string> Commitments => LetterFacts.KeysOf(CommitmentsSection);

    public static TheoryData<string> Dates => LetterFacts.KeysOf(DatesSection);

    public static TheoryData<string> Others => LetterFacts.KeysOf(OtherSection);

    [Fact]
    public void Every_section_has_rows_and_every_key_is_unique()
    {
        foreach (var section in new[] { OrganisationsSection, RecommendationsSection, ActionsSection, CommitmentsSection, DatesSection, OtherSection })
        {
            Assert.NotEmpty(Facts.Section(section));
        }

        Assert.Empty(Facts.Rows.GroupBy(r => r.Key).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void Every_quote_is_the_letters_own_wording()
    {
        var missing = Facts.Rows.Where(r => !Facts.Letter.Contains(LetterFacts.Normalise(r["Quote"]), StringComparison.Ordinal)).Select(r => r.ToString());

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Organisations))]
    public void Organisations_are_seeded_as_the_letter_names_them(string key)
    {
        var row = Facts.Row(OrganisationsSection, key);
        var code = key["organisation:".Length..];
        var organisation = Assert.Single(seed.Organisations, o => o.Code == code);
        var partner = YesNo(row["Partner"]);

        Assert.Equal(row["Name in the seed"], organisation.Name);
        Assert.Equal(partner, seed.SteeringGroup.Members.Any(m => m.OrganisationId == organisation.Id));
        Assert.Equal(partner, seed.Covenant.Signatories.Any(s => s.OrganisationId == organisation.Id));
        if (row["Shares data for area-based approaches"] is var shares && shares != LetterFacts.None)
        {
            Assert.Equal(YesNo(shares), Make.Project(ProjectKind.AreaBased).AddParticipant(organisation, sharesData: true).Passed);
        }
    }

    [Fact]
    public void The_partners_of_the_letter_are_all_the_seed_has()
    {
        var partners = Facts.Section(OrganisationsSection).Where(r => YesNo(r["Partner"])).Select(r => Organisation.IdFor(r.Key["organisation:".Length..]));

        Assert.Equal(partners.Order(), seed.SteeringGroup.Members.Select(m => m.OrganisationId).Order());
        Assert.Equal(partners.Order(), seed.Covenant.Signatories.Select(s => s.OrganisationId).Order());
    }

    [Theory]
    [MemberData(nameof(Recommendations))]
    public void Recommendations_are_seeded_as_numbered_in_the_letter(string key)
    {
        var row = Facts.Row(RecommendationsSection, key);
        var recommendation = Assert.Single(seed.Evaluation.Recommendations, r => r.Id == LetterSeed.Id(key));

        Assert.Equal(row["Number"], recommendation.Number);
        Assert.Equal(row["Title in the seed"], recommendation.Title);
        Assert.Equal(row["Under"] == LetterFacts.None ? null : seed.Evaluation.Find(row["Under"])!.Id, recommendation.ParentId);
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public void Follow_up_actions_have_the_letters_owner_date_and_state(string key)
    {
        var row = Facts.Row(ActionsSection, key);
        var action = Assert.Single(seed.Evaluation.Find(row["Recommendation"])!.FollowUpActions, a => a.Id == LetterSeed.Id(key));

        Assert.Equal(row["Owner"] == LetterFacts.None ? null : Organisation.IdFor(row["Owner"]), action.OwnerOrganisationId);
        Assert.Equal(row.Date("Due"), action.DueOn);
        Assert.Equal(Enum.Parse<FollowUpStatus>(row["Status"]), action.Status);
    }

    [Theory]
    [MemberData(nameof(Commitments))]
    public void Every_commitment_to_parliament_is_seeded_with_its_due_date(string key)
    {
        var row = Facts.Row(CommitmentsSection, key);
        var commitment = Assert.Single(seed.Commitments, c => c.Id == LetterSeed.Id(key));

        Assert.Equal(row.Date("Due"), commitment.DueOn);
        Assert.Equal(row.Date("Fulfilled"), commitment.FulfilledOn);
        Assert.Equal(row.Date("Fulfilled") is null ? CommitmentStatus.Open : CommitmentStatus.Fulfilled, commitment.Status);
        Assert.Equal(
            row["Made in"] switch
            {
                "this letter" => LetterSeed.LetterTitle,
                "26 January letter" => LetterSeed.JanuaryLetterTitle,
                var other => throw new InvalidOperationException($"Unknown letter '{other}' for {key}."),
            },
            commitment.SourceLetter);
    }

    [Theory]
    [MemberData(nameof(Dates))]
    public void Dated_facts_carry_the_letters_dates(string key)
    {
        var row = Facts.Row(DatesSection, key);
        var date = row["Date"];
        var reached = row.Date("Reached");
        var id = LetterSeed.Id(key);
        switch (key.Split(':')[0])
        {
            case "covenant":
                Assert.Equal(id, seed.Covenant.Id);
                Assert.Equal(Day(date), seed.Covenant.SignedOn);
                break;
            case "letter":
                Assert.Equal(Day(date), LetterSeed.LetterSentOn);
                break;
            case "milestone":
                var milestone = Assert.Single(seed.Milestones, m => m.Id == id);
                Assert.Equal(Day(date), milestone.PlannedOn);
                Assert.Equal(reached, milestone.ActualOn);
                break;
            case "progress-report":
                var report = Assert.Single(seed.Plan.ProgressReports, r => r.Id == id);
                Assert.Equal(Day(date), report.PlannedOn);
                Assert.Equal(reached, report.PublishedOn);
                break;
            case "agenda":
                var item = Assert.Single(seed.Plan.AgendaItems, a => a.Id == id);
                // A year alone: the letter gives no day, so neither does the seed.
                Assert.Equal(date.Length == 4 ? null : Day(date), item.PlannedOn);
                Assert.Equal(int.Parse(date[..4], CultureInfo.InvariantCulture), item.Year);
                Assert.Equal(reached, item.CompletedOn);
                break;
            default:
                Assert.Fail($"No check for the dated fact '{key}': add one here.");
                break;
        }
    }

    [Fact]
    public void Every_dated_record_of_the_seed_has_its_row()
    {
        IEnumerable<Guid> Ids(string section) => Facts.Section(section).Select(r => LetterSeed.Id(r.Key));
        var dated = Ids(DatesSection).ToHashSet();

        Assert.Equal(Ids(RecommendationsSection).Order(), seed.Evaluation.Recommendations.Select(r => r.Id).Order());
        Assert.Equal(Ids(ActionsSection).Order(), seed.Evaluation.Recommendations.SelectMany(r => r.FollowUpActions).Select(a => a.Id).Order());
        Assert.Equal(Ids(CommitmentsSection).Order(), seed.Commitments.Select(c => c.Id).Order());
        Assert.All(seed.Milestones, m => Assert.Contains(m.Id, dated));
        Assert.All(seed.Plan.AgendaItems, a => Assert.Contains(a.Id, dated));
        Assert.All(seed.Plan.ProgressReports, r => Assert.Contains(r.Id, dated));
    }

    [Theory]
    [MemberData(nameof(Others))]
    public void Other_facts_match_the_seed(string key)
    {
        var value = Facts.Row(OtherSection, key)["Value"];
        var evaluation = seed.Evaluation;
        switch (key)
        {
            case "covenant:2017:title":
                Assert.Contains(value, seed.Covenant.Title, StringComparison.Ordinal);
                break;
            case "covenant:2017:publication":
                Assert.Equal(value, seed.Covenant.PublicationReference);
                break;
            case "covenant:2017:evaluation-interval":
                Assert.Equal(int.Parse(value, CultureInfo.InvariantCulture), seed.Covenant.EvaluationIntervalYears);
                break;
            case "evaluation:2017-2022:evaluator":
                Assert.Equal(value, evaluation.Evaluator);
                break;
            case "evaluation:2017-2022:period":
                Assert.Equal(value, $"{evaluation.FirstYear}–{evaluation.LastYear}");
                Assert.Equal(seed.Covenant.Id, evaluation.CovenantId);
                break;
            case var focus when focus.StartsWith("evaluation:2017-2022:focus-point:", StringComparison.Ordinal):
                Assert.Equal(value, evaluation.FocusPoints[int.Parse(focus.Split(':')[^1], CultureInfo.InvariantCulture) - 1]);
                Assert.Equal(Facts.Section(OtherSection).Count(r => r.Key.StartsWith("evaluation:2017-2022:focus-point:", StringComparison.Ordinal)), evaluation.FocusPoints.Count);
                break;
            case "evaluation:2017-2022:report":
                Assert.Equal(Enum.Parse<EvaluationStatus>(value), evaluation.Status);
                Assert.Contains(LetterSeed.LetterTitle, evaluation.ReportReference, StringComparison.Ordinal);
                break;
            case "plan:2024-2027":
                Assert.Equal(value, $"{seed.Plan.FirstYear}–{seed.Plan.LastYear}");
                break;
            case var agreement when agreement.StartsWith("agreement:", StringComparison.Ordinal):
                Assert.Contains(value, Assert.Single(seed.Plan.WorkAgreements, a => a.Id == LetterSeed.Id(key)).Text, StringComparison.Ordinal);
                break;
            case "dpia:joint-area-based":
                Assert.Equal(LetterSeed.Id(key), seed.JointAreaBasedDpia.Id);
                Assert.Equal(DpiaKind.JointAreaBased, seed.JointAreaBasedDpia.Kind);
                Assert.Equal(Enum.Parse<DpiaStatus>(value), seed.JointAreaBasedDpia.Status);
                // What the letter draws from it: no new area-based project starts while it is not done.
                var started = Make.Approved().Start(new ProjectGateContext(LetterSeed.LetterSentOn) { JointAreaBasedDpia = seed.JointAreaBasedDpia });
                Assert.False(started.Passed);
                break;
            case var context when context.StartsWith("context:", StringComparison.Ordinal):
                // Background the seed does not store; its quote is checked against the letter like every row's.
                break;
            default:
                Assert.Fail($"No check for the fact '{key}': add one here.");
                break;
        }
    }

    private static bool YesNo(string cell) => cell switch
    {
        "yes" => true,
        "no" => false,
        _ => throw new InvalidOperationException($"Expected yes or no, found '{cell}'."),
    };

    private static DateOnly Day(string cell) => LetterFacts.Date(cell) ?? throw new InvalidOperationException("A dated fact needs its date.");
}
