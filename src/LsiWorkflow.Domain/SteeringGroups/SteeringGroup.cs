namespace LsiWorkflow.Domain;

public enum SteeringGroupRole
{
    Member,
    Chair,
}

/// <summary>The Landelijke Stuurgroep Interventieteams: one member per organisation, who adopt projects and working groups.</summary>
public sealed class SteeringGroup : Entity
{
    private SteeringGroup()
    {
    }

    public SteeringGroup(string name, Guid? id = null)
        : base(id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    public string Name { get; private set; } = "";

    public List<SteeringGroupMember> Members { get; private set; } = [];

    public SteeringGroupMember AddMember(string personName, Organisation organisation, SteeringGroupRole role = SteeringGroupRole.Member, Guid? id = null)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        if (role == SteeringGroupRole.Chair && Members.Any(m => m.Role == SteeringGroupRole.Chair))
        {
            throw new DomainRuleException("De stuurgroep heeft al een voorzitter.");
        }

        var member = new SteeringGroupMember(personName, organisation.Id, role, id);
        Members.Add(member);
        return member;
    }
}

public sealed class SteeringGroupMember : Entity
{
    private SteeringGroupMember()
    {
    }

    internal SteeringGroupMember(string personName, Guid organisationId, SteeringGroupRole role, Guid? id)
        : base(id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personName);
        PersonName = personName;
        OrganisationId = organisationId;
        Role = role;
    }

    public string PersonName { get; private set; } = "";

    public Guid OrganisationId { get; private set; }

    public SteeringGroupRole Role { get; private set; }
}
