using System.Globalization;

namespace LsiWorkflow.Domain.Tests.Covenants;

public class CovenantTests
{
    private static Covenant Signed(DateOnly on)
    {
        var covenant = new Covenant(2017, "Samenwerkingsovereenkomst voor Interventieteams");
        covenant.Conclude(on);
        return covenant;
    }

    [Theory]
    [InlineData("2017-07-01", "2022-07-01")]
    [InlineData("2022-06-30", "2022-07-01")]
    [InlineData("2022-07-01", "2022-07-01")]
    [InlineData("2022-07-02", "2027-07-01")]
    [InlineData("2023-12-01", "2027-07-01")]
    public void The_next_evaluation_falls_every_five_years_after_signing(string today, string expected)
    {
        var covenant = Signed(new DateOnly(2017, 7, 1));

        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), covenant.NextEvaluationDue(DateOnly.Parse(today, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Article_13_sets_a_five_year_interval()
    {
        Assert.Equal(5, new Covenant(2017, "Convenant LSI").EvaluationIntervalYears);
    }

    [Fact]
    public void An_unsigned_convenant_has_no_evaluation_date()
    {
        Assert.Throws<DomainRuleException>(() => new Covenant(2025, "Nieuw convenant").NextEvaluationDue(new DateOnly(2025, 1, 1)));
    }

    [Fact]
    public void Each_organisation_signs_once()
    {
        var covenant = Signed(new DateOnly(2017, 7, 1));
        var uwv = Organisations.Get(Organisations.Uwv);

        covenant.Sign(uwv, new DateOnly(2017, 6, 1));

        Assert.Throws<DomainRuleException>(() => covenant.Sign(uwv, new DateOnly(2017, 6, 2)));
        Assert.Equal(uwv.Id, Assert.Single(covenant.Signatories).OrganisationId);
    }
}
