using LsiWorkflow.Domain.Gates;

namespace LsiWorkflow.Domain;

public enum ProjectKind
{
    /// <summary>Wijkgericht: part of a municipality's broader neighbourhood approach.</summary>
    AreaBased,

    /// <summary>Fenomeengericht: aimed at one phenomenon across areas.</summary>
    PhenomenonBased,
}

public enum ProjectStatus
{
    Proposed,
    Approved,
    Started,
    Closed,
    Rejected,
}

public enum ProjectTransition
{
    Approve,
    Start,
    Close,
    Reject,
}

/// <summary>An LSI project. Its transitions run the gates of <see cref="ProjectGates"/> and change nothing when one fails.</summary>
public sealed class Project : Entity
{
    private Project()
    {
    }

    public Project(string name, ProjectKind kind, DateOnly proposedOn, Organisation? municipality = null, Guid? multiYearPlanId = null, Guid? id = null)
        : base(id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (municipality is { Kind: not OrganisationKind.Municipality })
        {
            throw new ArgumentException($"{municipality.Name} is geen gemeente.", nameof(municipality));
        }

        Name = name;
        Kind = kind;
        ProposedOn = proposedOn;
        MunicipalityId = municipality?.Id;
        MultiYearPlanId = multiYearPlanId;
    }

    public string Name { get; private set; } = "";

    public ProjectKind Kind { get; private set; }

    public Guid? MunicipalityId { get; private set; }

    public Guid? MultiYearPlanId { get; private set; }

    public List<ProjectParticipant> Participants { get; private set; } = [];

    public Guid? AdoptedByMemberId { get; private set; }

    public string? PrivacyProtocolReference { get; private set; }

    public ProjectStatus Status { get; private set; }

    public DateOnly ProposedOn { get; private set; }

    public DateOnly? ApprovedOn { get; private set; }

    public DateOnly? StartedOn { get; private set; }

    public DateOnly? ClosedOn { get; private set; }

    public DateOnly? RejectedOn { get; private set; }

    public string? RejectionReason { get; private set; }

    public const int DescriptionLength = 4000;

    /// <summary>What the project does and why, as the proposal says it.</summary>
    public string? Description { get; private set; }

    /// <summary>The day the proposal means to start; the start itself still waits for its gates.</summary>
    public DateOnly? PlannedStartOn { get; private set; }

    /// <summary>Registered as already running (it started before it came into this register), not started through its gates here.</summary>
    public bool StartedBeforeRegistration { get; private set; }

    /// <summary>The proposal's text and planned start; they describe a proposal, so they change only while it is one.</summary>
    public void Describe(string? description, DateOnly? plannedStartOn)
    {
        if (Status != ProjectStatus.Proposed)
        {
            throw new DomainRuleException($"Een project met status '{Dutch.Of(Status)}' is geen voorstel meer en wordt niet meer gewijzigd.");
        }

        var text = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (text is { Length: > DescriptionLength })
        {
            throw new ArgumentException($"De omschrijving is langer dan {DescriptionLength} tekens.", nameof(description));
        }

        Description = text;
        PlannedStartOn = plannedStartOn;
    }

    /// <summary>
    /// Records that a project was already running before it came into this register, from <paramref name="startedOn"/>.
    /// The letter lets projects that had started keep running; the rule of <see cref="StartedBeforeTheMoratorium"/>
    /// says which start dates count as such.
    /// </summary>
    public GateResult RecordEarlierStart(DateOnly startedOn, ProjectGateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = GateResult.Combine(
        [
            Status == ProjectStatus.Proposed && StartedOn is null
                ? GateResult.Pass
                : GateResult.Fail(StartedBeforeTheMoratorium.GateName, $"Een project met status '{Dutch.Of(Status)}' kan niet als lopend worden geregistreerd."),
            StartedBeforeTheMoratorium.Check(this, startedOn, context),
            NoDataSharingByTaxAuthorities.Check(Kind, Participants),
        ]);
        if (result.Passed)
        {
            Status = ProjectStatus.Started;
            StartedOn = startedOn;
            StartedBeforeRegistration = true;
        }

        return result;
    }

    /// <summary>Adds a partner, refusing a data-sharing tax authority on an area-based project right away.</summary>
    public GateResult AddParticipant(Organisation organisation, bool sharesData, Guid? id = null)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        if (Participants.Any(p => p.OrganisationId == organisation.Id))
        {
            throw new DomainRuleException($"{organisation.Name} neemt al deel aan dit project.");
        }

        var participant = new ProjectParticipant(organisation.Id, sharesData, id);
        var result = NoDataSharingByTaxAuthorities.Check(Kind, [participant]);
        if (result.Passed)
        {
            Participants.Add(participant);
        }

        return result;
    }

    public void AdoptBy(SteeringGroupMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        AdoptedByMemberId = member.Id;
    }

    public void SetPrivacyProtocol(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        PrivacyProtocolReference = reference;
    }

    public GateResult Approve(ProjectGateContext context) =>
        Apply(ProjectTransition.Approve, context, () =>
        {
            Status = ProjectStatus.Approved;
            ApprovedOn = context.Today;
        });

    public GateResult Start(ProjectGateContext context) =>
        Apply(ProjectTransition.Start, context, () =>
        {
            Status = ProjectStatus.Started;
            StartedOn = context.Today;
        });

    public GateResult Close(DateOnly on) =>
        Apply(ProjectTransition.Close, new ProjectGateContext(on), () =>
        {
            Status = ProjectStatus.Closed;
            ClosedOn = on;
        });

    public GateResult Reject(DateOnly on, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return Apply(ProjectTransition.Reject, new ProjectGateContext(on), () =>
        {
            Status = ProjectStatus.Rejected;
            RejectedOn = on;
            RejectionReason = reason;
        });
    }

    private GateResult Apply(ProjectTransition transition, ProjectGateContext context, Action change)
    {
        var result = ProjectGates.Evaluate(this, context, transition);
        if (result.Passed)
        {
            change();
        }

        return result;
    }
}

/// <summary>A partner taking part in a project, and whether it shares data in it.</summary>
public sealed class ProjectParticipant : Entity
{
    private ProjectParticipant()
    {
    }

    public ProjectParticipant(Guid organisationId, bool sharesData, Guid? id = null)
        : base(id)
    {
        OrganisationId = organisationId;
        SharesData = sharesData;
    }

    public Guid OrganisationId { get; private set; }

    public bool SharesData { get; private set; }
}
