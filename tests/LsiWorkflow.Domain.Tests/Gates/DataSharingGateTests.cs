using LsiWorkflow.Domain.Gates;

namespace LsiWorkflow.Domain.Tests.Gates;

public class DataSharingGateTests
{
    [Theory]
    [InlineData(Organisations.Belastingdienst, "Belastingdienst")]
    [InlineData(Organisations.DienstToeslagen, "Dienst Toeslagen")]
    public void A_tax_authority_cannot_join_an_area_based_project_sharing_data(string code, string name)
    {
        var project = Make.Project(ProjectKind.AreaBased);

        var result = project.AddParticipant(Organisations.Get(code), sharesData: true);

        var reason = Assert.Single(result.Reasons);
        Assert.Equal("NoDataSharingByTaxAuthorities", reason.Gate);
        Assert.StartsWith(name + " deelt geen gegevens voor wijkgerichte aanpakken", reason.Message, StringComparison.Ordinal);
        Assert.Empty(project.Participants);
    }

    [Fact]
    public void A_tax_authority_may_join_an_area_based_project_without_sharing_data()
    {
        var project = Make.Project(ProjectKind.AreaBased);

        Assert.True(project.AddParticipant(Organisations.Get(Organisations.Belastingdienst), sharesData: false).Passed);
        Assert.True(project.AddParticipant(Organisations.Get(Organisations.Uwv), sharesData: true).Passed);

        Assert.Equal(2, project.Participants.Count);
        Assert.True(ProjectGates.NoDataSharingByTaxAuthorities.Check(project, ProjectTransition.Start, Make.Context()).Passed);
    }

    [Fact]
    public void The_rule_is_about_area_based_projects_only()
    {
        var project = Make.Project(ProjectKind.PhenomenonBased);

        Assert.True(project.AddParticipant(Organisations.Get(Organisations.DienstToeslagen), sharesData: true).Passed);
    }

    [Theory]
    [InlineData(ProjectTransition.Approve)]
    [InlineData(ProjectTransition.Start)]
    public void Approval_and_start_refuse_a_data_sharing_tax_authority_however_it_got_in(ProjectTransition transition)
    {
        var project = Make.Project(ProjectKind.AreaBased);
        project.Participants.Add(new ProjectParticipant(Organisation.IdFor(Organisations.Belastingdienst), sharesData: true));
        project.Participants.Add(new ProjectParticipant(Organisation.IdFor(Organisations.DienstToeslagen), sharesData: true));

        var result = ProjectGates.Evaluate(project, Make.Context(jointAreaBased: DpiaStatus.Adopted), transition);

        Assert.Equal(2, result.Reasons.Count(r => r.Gate == "NoDataSharingByTaxAuthorities"));
    }
}
