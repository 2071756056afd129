namespace LsiWorkflow.Domain;

public enum FollowUpStatus
{
    Open,
    InProgress,
    Done,
    Rejected,
}

/// <summary>An aanbeveling of an evaluation, numbered as in the letter, with what the partners do about it.</summary>
public sealed class Recommendation : Entity
{
    private Recommendation()
    {
    }

    internal Recommendation(string number, string title, Guid? parentId, Guid? id)
        : base(id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Number = number;
        Title = title;
        ParentId = parentId;
    }

    public string Number { get; private set; } = "";

    public string Title { get; private set; } = "";

    public Guid? ParentId { get; private set; }

    public List<FollowUpAction> FollowUpActions { get; private set; } = [];

    public FollowUpAction AddFollowUpAction(string description, Organisation? owner = null, DateOnly? dueOn = null, Guid? id = null)
    {
        var action = new FollowUpAction(description, owner?.Id, dueOn, id);
        FollowUpActions.Add(action);
        return action;
    }
}

/// <summary>What the partners decided to do about a recommendation, who owns it and by when.</summary>
public sealed class FollowUpAction : Entity
{
    private FollowUpAction()
    {
    }

    internal FollowUpAction(string description, Guid? ownerOrganisationId, DateOnly? dueOn, Guid? id)
        : base(id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        Description = description;
        OwnerOrganisationId = ownerOrganisationId;
        DueOn = dueOn;
    }

    public string Description { get; private set; } = "";

    public Guid? OwnerOrganisationId { get; private set; }

    public DateOnly? DueOn { get; private set; }

    public FollowUpStatus Status { get; private set; }

    /// <summary>The steering decision behind the status, e.g. why a recommendation is not followed.</summary>
    public string? Decision { get; private set; }

    public void Begin() => MoveTo(FollowUpStatus.InProgress, Decision);

    public void Complete(string? decision = null) => MoveTo(FollowUpStatus.Done, decision ?? Decision);

    /// <summary>Not following a recommendation is a decision parliament may ask about, so it needs its reason.</summary>
    public void Reject(string decision)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(decision);
        MoveTo(FollowUpStatus.Rejected, decision);
    }

    private void MoveTo(FollowUpStatus status, string? decision)
    {
        if (Status is FollowUpStatus.Done or FollowUpStatus.Rejected || (status == FollowUpStatus.InProgress && Status != FollowUpStatus.Open))
        {
            throw new DomainRuleException($"Een actie met status '{Dutch.Of(Status)}' kan niet naar '{Dutch.Of(status)}'.");
        }

        Status = status;
        Decision = decision;
    }
}
