namespace LsiWorkflow.Domain.Tests.Evaluations;

public class EvaluationTests
{
    private static Evaluation NewEvaluation() => new(Guid.NewGuid(), 2017, 2022);

    [Fact]
    public void A_lettered_recommendation_hangs_under_its_numbered_parent()
    {
        var evaluation = NewEvaluation();
        var two = evaluation.AddRecommendation("2", "Randvoorwaarden");
        var twoA = evaluation.AddRecommendation("2a", "Meerjarige uitvoeringsagenda");
        var twoB = evaluation.AddRecommendation("2b", "Onafhankelijke coördinator");

        Assert.Null(two.ParentId);
        Assert.Equal(two.Id, twoA.ParentId);
        Assert.Equal([twoA, twoB], evaluation.ChildrenOf(two));
    }

    [Fact]
    public void A_sub_item_needs_its_parent_first()
    {
        Assert.Throws<DomainRuleException>(() => NewEvaluation().AddRecommendation("3a", "Bestuurlijke kaders"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("2A")]
    [InlineData("a")]
    [InlineData("2ab")]
    [InlineData("2.a")]
    public void Numbers_follow_the_letters_form(string number)
    {
        Assert.ThrowsAny<ArgumentException>(() => NewEvaluation().AddRecommendation(number, "Titel"));
    }

    [Fact]
    public void A_number_is_used_once()
    {
        var evaluation = NewEvaluation();
        evaluation.AddRecommendation("1", "Waardepropositie");

        Assert.Throws<DomainRuleException>(() => evaluation.AddRecommendation("1", "Nog een"));
    }

    [Fact]
    public void The_evaluation_moves_from_planned_to_completed_in_order()
    {
        var evaluation = NewEvaluation();

        Assert.Throws<DomainRuleException>(() => evaluation.ReceiveReport("Eindrapport"));
        evaluation.Commission("Berenschot", ["Samenwerking"]);
        evaluation.ReceiveReport("Eindrapport");
        evaluation.Complete();

        Assert.Equal(EvaluationStatus.Completed, evaluation.Status);
        Assert.Equal("Berenschot", evaluation.Evaluator);
    }

    [Fact]
    public void A_follow_up_action_is_begun_and_completed_with_its_decision()
    {
        var action = NewEvaluation().AddRecommendation("1", "Waardepropositie")
            .AddFollowUpAction("Waardepropositie opstellen", Organisations.Get(Organisations.Szw), new DateOnly(2024, 6, 30));

        action.Begin();
        action.Complete("Vastgesteld door de Stuurgroep");

        Assert.Equal(FollowUpStatus.Done, action.Status);
        Assert.Equal("Vastgesteld door de Stuurgroep", action.Decision);
        Assert.Throws<DomainRuleException>(action.Begin);
    }

    [Fact]
    public void Rejecting_a_follow_up_action_needs_the_decision()
    {
        var action = NewEvaluation().AddRecommendation("1", "Waardepropositie").AddFollowUpAction("Externe coördinator");

        Assert.Throws<ArgumentException>(() => action.Reject(""));
        action.Reject("Vraagt een wetswijziging");

        Assert.Equal(FollowUpStatus.Rejected, action.Status);
        Assert.Throws<DomainRuleException>(() => action.Complete());
    }
}
