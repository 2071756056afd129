namespace LsiWorkflow.Domain.Tests;

public class OrganisationTests
{
    [Fact]
    public void The_catalogue_holds_the_partners_of_the_letter_with_unique_codes()
    {
        var all = Organisations.All();

        Assert.Equal(all.Count, all.Select(o => o.Code).Distinct().Count());
        foreach (var code in new[] { "NLA", "IND", "BD", "DT", "UWV", "SVB", "VNG", "SZW", "RPF" })
        {
            Assert.Contains(all, o => o.Code == code);
        }

        Assert.Equal(4, all.Count(o => o.Kind == OrganisationKind.Municipality && o.Code.StartsWith("GEM-", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_organisations_id_follows_from_its_code()
    {
        Assert.Equal(Organisations.Get("UWV").Id, Organisations.Get("UWV").Id);
        Assert.Equal(Organisation.IdFor("uwv"), Organisations.Get("UWV").Id);
        Assert.NotEqual(Organisation.IdFor("UWV"), Organisation.IdFor("SVB"));
        Assert.Equal("GEM-ZWOLLE", new Organisation("gem-zwolle", "Gemeente Zwolle", OrganisationKind.Municipality).Code);
    }

    [Fact]
    public void Only_Belastingdienst_and_Dienst_Toeslagen_are_tax_authorities()
    {
        var taxAuthorities = Organisations.All().Where(o => Organisations.IsTaxAuthority(o.Id)).Select(o => o.Code);

        Assert.Equal(["BD", "DT"], taxAuthorities.Order());
    }

    [Fact]
    public void Stable_ids_are_deterministic_version_8_guids()
    {
        var id = StableId.For("covenant:2017");

        Assert.Equal(id, StableId.For("covenant:2017"));
        Assert.NotEqual(id, StableId.For("covenant:2027"));
        Assert.Equal(8, id.Version);
    }
}
