namespace LsiWorkflow.Domain;

/// <summary>A version of the LSI convenant (Samenwerkingsovereenkomst voor Interventieteams), its signatories and its evaluation rhythm.</summary>
public sealed class Covenant : Entity
{
    /// <summary>Article 13 of the 2017 convenant: the cooperation is evaluated every five years.</summary>
    public const int Article13EvaluationIntervalYears = 5;

    private Covenant()
    {
    }

    public Covenant(int versionYear, string title, Guid? id = null)
        : base(id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        VersionYear = versionYear;
        Title = title;
    }

    public int VersionYear { get; private set; }

    public string Title { get; private set; } = "";

    /// <summary>The day the convenant as a whole was concluded; null while the version is being drafted.</summary>
    public DateOnly? SignedOn { get; private set; }

    /// <summary>Where it was published, e.g. "Stcrt. 2017, nr. 20624".</summary>
    public string? PublicationReference { get; private set; }

    // Stored per version: a renewed convenant may set another rhythm than article 13 of 2017.
    public int EvaluationIntervalYears { get; private set; } = Article13EvaluationIntervalYears;

    public List<CovenantSignatory> Signatories { get; private set; } = [];

    public CovenantSignatory Sign(Organisation organisation, DateOnly on, Guid? id = null)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        if (Signatories.Any(s => s.OrganisationId == organisation.Id))
        {
            throw new DomainRuleException($"{organisation.Name} heeft dit convenant al ondertekend.");
        }

        var signatory = new CovenantSignatory(organisation.Id, on, id);
        Signatories.Add(signatory);
        return signatory;
    }

    public void Conclude(DateOnly signedOn) => SignedOn = signedOn;

    public void Publish(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        PublicationReference = reference;
    }

    /// <summary>
    /// The first evaluation date, counted in whole intervals from the signing date, that falls on or after
    /// <paramref name="today"/>: on the due day itself the evaluation is due, not yet the next one.
    /// </summary>
    public DateOnly NextEvaluationDue(DateOnly today)
    {
        var signedOn = SignedOn ?? throw new DomainRuleException("Een convenant dat niet is ondertekend heeft nog geen evaluatiedatum.");
        var due = signedOn.AddYears(EvaluationIntervalYears);
        while (due < today)
        {
            due = due.AddYears(EvaluationIntervalYears);
        }

        return due;
    }
}

public sealed class CovenantSignatory : Entity
{
    private CovenantSignatory()
    {
    }

    internal CovenantSignatory(Guid organisationId, DateOnly signedOn, Guid? id)
        : base(id)
    {
        OrganisationId = organisationId;
        SignedOn = signedOn;
    }

    public Guid OrganisationId { get; private set; }

    public DateOnly SignedOn { get; private set; }
}
