namespace LsiWorkflow.Domain.Tests.Dpias;

public class DpiaTests
{
    private static readonly DateOnly Day = new(2024, 3, 1);

    [Fact]
    public void A_DPIA_goes_from_draft_through_review_to_adopted_and_to_parliament()
    {
        var dpia = Dpia.Joint(DpiaKind.JointAreaBased, "DPIA wijkgerichte aanpak");
        dpia.SubmitForReview();
        dpia.Approve(Organisations.Get(Organisations.Uwv), "J. Jansen", Day);
        dpia.Adopt(Day.AddDays(1));
        dpia.SendToParliament(Day.AddDays(7));

        Assert.Equal(DpiaStatus.Adopted, dpia.Status);
        Assert.Equal(Day.AddDays(1), dpia.AdoptedOn);
        Assert.Equal(Day.AddDays(7), dpia.SentToParliamentOn);
        Assert.Equal(Organisation.IdFor(Organisations.Uwv), Assert.Single(dpia.Approvals).OrganisationId);
    }

    [Fact]
    public void A_draft_cannot_be_approved_or_adopted()
    {
        var dpia = Dpia.Joint(DpiaKind.JointAreaBased, "DPIA wijkgerichte aanpak");

        var approve = Assert.Throws<DomainRuleException>(() => dpia.Approve(Organisations.Get(Organisations.Svb), "P. Pieters", Day));
        Assert.Throws<DomainRuleException>(() => dpia.Adopt(Day));
        Assert.Equal("Een DPIA met status 'concept' kan niet worden goedgekeurd.", approve.Message);
    }

    [Fact]
    public void Adoption_needs_at_least_one_approval_and_each_organisation_approves_once()
    {
        var dpia = Dpia.Joint(DpiaKind.JointAreaBased, "DPIA wijkgerichte aanpak");
        dpia.SubmitForReview();

        Assert.Throws<DomainRuleException>(() => dpia.Adopt(Day));
        dpia.Approve(Organisations.Get(Organisations.Svb), "P. Pieters", Day);
        Assert.Throws<DomainRuleException>(() => dpia.Approve(Organisations.Get(Organisations.Svb), "Q. Pieters", Day));
    }

    [Fact]
    public void Only_an_adopted_DPIA_goes_to_parliament()
    {
        var dpia = Dpia.Joint(DpiaKind.JointAreaBased, "DPIA wijkgerichte aanpak");

        Assert.Throws<DomainRuleException>(() => dpia.SendToParliament(Day));
    }

    [Fact]
    public void A_format_DPIA_belongs_to_its_project_and_a_joint_one_to_none()
    {
        var project = Make.Project(ProjectKind.PhenomenonBased);

        Assert.Equal(project.Id, Dpia.ForProject(project, "Format-DPIA").ProjectId);
        Assert.Throws<ArgumentException>(() => Dpia.Joint(DpiaKind.ProjectFormat, "Format-DPIA"));
    }
}
