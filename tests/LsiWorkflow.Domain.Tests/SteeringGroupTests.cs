namespace LsiWorkflow.Domain.Tests;

public class SteeringGroupTests
{
    [Fact]
    public void A_steering_group_has_at_most_one_chair()
    {
        var group = new SteeringGroup("LSI Stuurgroep");
        group.AddMember("Voorzitter", Organisations.Get(Organisations.Szw), SteeringGroupRole.Chair);

        Assert.Throws<DomainRuleException>(() => group.AddMember("Tweede voorzitter", Organisations.Get(Organisations.Uwv), SteeringGroupRole.Chair));
        Assert.Equal(Organisation.IdFor(Organisations.Szw), Assert.Single(group.Members).OrganisationId);
    }
}
