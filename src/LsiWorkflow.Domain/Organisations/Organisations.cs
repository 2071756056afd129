namespace LsiWorkflow.Domain;

/// <summary>The parties the letter names, with the codes the rest of the system uses to refer to them.</summary>
public static class Organisations
{
    public const string Arbeidsinspectie = "NLA";
    public const string Ind = "IND";
    public const string Belastingdienst = "BD";
    public const string DienstToeslagen = "DT";
    public const string Uwv = "UWV";
    public const string Svb = "SVB";
    public const string Vng = "VNG";
    public const string Szw = "SZW";
    public const string Rpf = "RPF";

    // The letter speaks of "gemeenten" in general; these four are examples, coded by municipality name.
    public const string Rotterdam = "GEM-ROTTERDAM";
    public const string Amsterdam = "GEM-AMSTERDAM";
    public const string DenHaag = "GEM-DENHAAG";
    public const string Utrecht = "GEM-UTRECHT";

    /// <summary>Belastingdienst and Dienst Toeslagen share no data for area-based approaches (letter, footnote 2).</summary>
    public static IReadOnlySet<string> TaxAuthorities { get; } = new HashSet<string>([Belastingdienst, DienstToeslagen], StringComparer.OrdinalIgnoreCase);

    /// <summary>A fresh list on every call: entity instances must not be shared between database contexts.</summary>
    public static IReadOnlyList<Organisation> All() =>
    [
        new(Arbeidsinspectie, "Nederlandse Arbeidsinspectie", OrganisationKind.Partner),
        new(Ind, "Immigratie- en Naturalisatiedienst", OrganisationKind.Partner),
        new(Belastingdienst, "Belastingdienst", OrganisationKind.Partner),
        new(DienstToeslagen, "Dienst Toeslagen", OrganisationKind.Partner),
        new(Uwv, "UWV", OrganisationKind.Partner),
        new(Svb, "Sociale Verzekeringsbank", OrganisationKind.Partner),
        new(Rotterdam, "Gemeente Rotterdam", OrganisationKind.Municipality),
        new(Amsterdam, "Gemeente Amsterdam", OrganisationKind.Municipality),
        new(DenHaag, "Gemeente Den Haag", OrganisationKind.Municipality),
        new(Utrecht, "Gemeente Utrecht", OrganisationKind.Municipality),
        new(Vng, "Vereniging van Nederlandse Gemeenten", OrganisationKind.Association),
        new(Szw, "Ministerie van Sociale Zaken en Werkgelegenheid", OrganisationKind.Ministry),
        new(Rpf, "Regionale Platforms Fraudebestrijding", OrganisationKind.Platform),
    ];

    public static Organisation Get(string code) =>
        All().SingleOrDefault(o => string.Equals(o.Code, code, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown organisation code '{code}'.", nameof(code));

    public static bool IsTaxAuthority(Guid organisationId) =>
        TaxAuthorities.Any(code => Organisation.IdFor(code) == organisationId);

    /// <summary>The catalogue name for an id, or the id itself for an organisation outside the catalogue.</summary>
    public static string NameOf(Guid organisationId) =>
        All().FirstOrDefault(o => o.Id == organisationId)?.Name ?? organisationId.ToString();
}
