namespace LsiWorkflow.Domain;

public enum DpiaKind
{
    /// <summary>The joint DPIA for the area-based (wijkgerichte) approach.</summary>
    JointAreaBased,

    /// <summary>The joint DPIA for phenomenon-based projects, to be built on the area-based one.</summary>
    JointPhenomenonBased,

    /// <summary>The format DPIA drawn up per project.</summary>
    ProjectFormat,
}

public enum DpiaStatus
{
    Draft,
    InReview,
    Adopted,
}

/// <summary>A data protection impact assessment; joint ones gate every project of their kind, a format one gates its own project.</summary>
public sealed class Dpia : Entity
{
    private Dpia()
    {
    }

    private Dpia(DpiaKind kind, string title, Guid? projectId, Guid? id)
        : base(id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Kind = kind;
        Title = title;
        ProjectId = projectId;
    }

    public DpiaKind Kind { get; private set; }

    public string Title { get; private set; } = "";

    public DpiaStatus Status { get; private set; }

    public List<DpiaApproval> Approvals { get; private set; } = [];

    public DateOnly? AdoptedOn { get; private set; }

    public DateOnly? SentToParliamentOn { get; private set; }

    /// <summary>The project of a format DPIA; joint DPIAs have none. The project does not repeat this link.</summary>
    public Guid? ProjectId { get; private set; }

    public bool IsAdopted => Status == DpiaStatus.Adopted;

    public static Dpia Joint(DpiaKind kind, string title, Guid? id = null)
    {
        if (kind == DpiaKind.ProjectFormat)
        {
            throw new ArgumentException("A format DPIA belongs to a project; use ForProject.", nameof(kind));
        }

        return new Dpia(kind, title, projectId: null, id);
    }

    public static Dpia ForProject(Project project, string title, Guid? id = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        return new Dpia(DpiaKind.ProjectFormat, title, project.Id, id);
    }

    public void SubmitForReview()
    {
        Require(DpiaStatus.Draft, "ter beoordeling aangeboden");
        Status = DpiaStatus.InReview;
    }

    public DpiaApproval Approve(Organisation organisation, string personName, DateOnly on, Guid? id = null)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        Require(DpiaStatus.InReview, "goedgekeurd");
        if (Approvals.Any(a => a.OrganisationId == organisation.Id))
        {
            throw new DomainRuleException($"{organisation.Name} heeft deze DPIA al goedgekeurd.");
        }

        var approval = new DpiaApproval(organisation.Id, personName, on, id);
        Approvals.Add(approval);
        return approval;
    }

    public void Adopt(DateOnly on)
    {
        Require(DpiaStatus.InReview, "vastgesteld");
        // Adoption records what the partners approved; without any approval there is nothing to adopt.
        if (Approvals.Count == 0)
        {
            throw new DomainRuleException("Een DPIA wordt pas vastgesteld na ten minste één goedkeuring.");
        }

        Status = DpiaStatus.Adopted;
        AdoptedOn = on;
    }

    public void SendToParliament(DateOnly on)
    {
        Require(DpiaStatus.Adopted, "naar de Kamer gestuurd");
        SentToParliamentOn = on;
    }

    private void Require(DpiaStatus status, string action)
    {
        if (Status != status)
        {
            throw new DomainRuleException($"Een DPIA met status '{Dutch.Of(Status)}' kan niet worden {action}.");
        }
    }
}

public sealed class DpiaApproval : Entity
{
    private DpiaApproval()
    {
    }

    internal DpiaApproval(Guid organisationId, string personName, DateOnly approvedOn, Guid? id)
        : base(id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personName);
        OrganisationId = organisationId;
        PersonName = personName;
        ApprovedOn = approvedOn;
    }

    public Guid OrganisationId { get; private set; }

    public string PersonName { get; private set; } = "";

    public DateOnly ApprovedOn { get; private set; }
}
