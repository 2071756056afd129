namespace LsiWorkflow.Domain.Gates;

/// <summary>Proposed -> Approved -> Started -> Closed; Proposed or Approved -> Rejected. Nothing leaves Closed or Rejected.</summary>
public sealed class AllowedTransition : IProjectGate
{
    public string Name => "AllowedTransition";

    public string Explanation =>
        "Een project gaat van voorgesteld naar goedgekeurd, gestart en afgesloten; alleen een voorgesteld of goedgekeurd project kan worden afgewezen.";

    public GateResult Check(Project project, ProjectTransition transition, ProjectGateContext context)
    {
        ArgumentNullException.ThrowIfNull(project);
        var allowed = (project.Status, transition) switch
        {
            (ProjectStatus.Proposed, ProjectTransition.Approve) => true,
            (ProjectStatus.Approved, ProjectTransition.Start) => true,
            (ProjectStatus.Started, ProjectTransition.Close) => true,
            (ProjectStatus.Proposed or ProjectStatus.Approved, ProjectTransition.Reject) => true,
            _ => false,
        };
        return allowed
            ? GateResult.Pass
            : GateResult.Fail(Name, $"Een project met status '{Dutch.Of(project.Status)}' kan niet worden {Dutch.Of(transition)}.");
    }
}

/// <summary>Letter: until the renewed joint DPIA is done, no new area-based approaches start; started projects continue.</summary>
public sealed class JointAreaBasedDpiaAdopted : IProjectGate
{
    private const string Refusal = "Geen nieuwe wijkgerichte aanpak zolang de gezamenlijke DPIA wijkgerichte aanpak niet is vastgesteld.";

    public string Name => "JointAreaBasedDpiaAdopted";

    public string Explanation => Refusal + " Projecten die al gestart zijn blijven doorlopen.";

    public GateResult Check(Project project, ProjectTransition transition, ProjectGateContext context)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(context);
        if (project.Kind != ProjectKind.AreaBased || transition != ProjectTransition.Start)
        {
            return GateResult.Pass;
        }

        return context.JointAreaBasedDpia is { Kind: DpiaKind.JointAreaBased, IsAdopted: true }
            ? GateResult.Pass
            : GateResult.Fail(Name, Refusal);
    }
}

/// <summary>Letter: phenomenon-based projects keep a format DPIA per project until the joint one for them exists.</summary>
public sealed class PhenomenonProjectHasOwnDpia : IProjectGate
{
    public string Name => "PhenomenonProjectHasOwnDpia";

    public string Explanation =>
        "Een fenomeengericht project start alleen met een eigen, vastgestelde (format)DPIA, zolang er geen vastgestelde gezamenlijke DPIA voor fenomeengerichte projecten is.";

    public GateResult Check(Project project, ProjectTransition transition, ProjectGateContext context)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(context);
        if (project.Kind != ProjectKind.PhenomenonBased || transition != ProjectTransition.Start)
        {
            return GateResult.Pass;
        }

        // The per-project format DPIA is the interim arrangement: once the joint phenomenon-based DPIA
        // is adopted it covers every phenomenon-based project, so that alone lets a project start.
        var jointAdopted = context.JointPhenomenonBasedDpia is { Kind: DpiaKind.JointPhenomenonBased, IsAdopted: true };
        var ownAdopted = context.ProjectDpia is { Kind: DpiaKind.ProjectFormat, IsAdopted: true } own && own.ProjectId == project.Id;
        return jointAdopted || ownAdopted
            ? GateResult.Pass
            : GateResult.Fail(Name, "Een fenomeengericht project start pas als zijn eigen (format)DPIA is vastgesteld.");
    }
}

/// <summary>Letter, footnote 2: Belastingdienst and Dienst Toeslagen share no data for area-based approaches.</summary>
public sealed class NoDataSharingByTaxAuthorities : IProjectGate
{
    private const string GateName = "NoDataSharingByTaxAuthorities";

    public string Name => GateName;

    public string Explanation =>
        "De Belastingdienst en de Dienst Toeslagen delen geen gegevens voor wijkgerichte aanpakken; zij kunnen wel deelnemen zonder gegevens te delen.";

    public GateResult Check(Project project, ProjectTransition transition, ProjectGateContext context)
    {
        ArgumentNullException.ThrowIfNull(project);
        return Check(project.Kind, project.Participants);
    }

    /// <summary>The same rule for participants about to be added, so a project never holds a forbidden one.</summary>
    internal static GateResult Check(ProjectKind kind, IEnumerable<ProjectParticipant> participants)
    {
        if (kind != ProjectKind.AreaBased)
        {
            return GateResult.Pass;
        }

        return GateResult.Combine(participants
            .Where(p => p.SharesData && Organisations.IsTaxAuthority(p.OrganisationId))
            .Select(p => GateResult.Fail(GateName,
                $"{Organisations.NameOf(p.OrganisationId)} deelt geen gegevens voor wijkgerichte aanpakken; deelname kan alleen zonder gegevensdeling.")));
    }
}

/// <summary>Letter: projects are adopted by a steering-group member, so progress can be steered.</summary>
public sealed class HasAdoptingSteeringGroupMember : IProjectGate
{
    public string Name => "HasAdoptingSteeringGroupMember";

    public string Explanation => "Een project wordt pas goedgekeurd als een lid van de Stuurgroep het heeft geadopteerd.";

    public GateResult Check(Project project, ProjectTransition transition, ProjectGateContext context)
    {
        ArgumentNullException.ThrowIfNull(project);
        return project.AdoptedByMemberId is not null
            ? GateResult.Pass
            : GateResult.Fail(Name, "Het project is nog niet geadopteerd door een lid van de Stuurgroep.");
    }
}

/// <summary>Data is shared only under a privacy protocol agreed before approval.</summary>
public sealed class HasPrivacyProtocol : IProjectGate
{
    public string Name => "HasPrivacyProtocol";

    public string Explanation => "Een project wordt pas goedgekeurd als er een privacyprotocol voor is vastgelegd.";

    public GateResult Check(Project project, ProjectTransition transition, ProjectGateContext context)
    {
        ArgumentNullException.ThrowIfNull(project);
        return !string.IsNullOrWhiteSpace(project.PrivacyProtocolReference)
            ? GateResult.Pass
            : GateResult.Fail(Name, "Het project heeft nog geen privacyprotocol.");
    }
}

/// <summary>
/// Letter: projects already started when the moratorium on new area-based approaches began keep running. A project
/// registered as running must have started in the past; an area-based one before the moratorium, or on or after the
/// day a joint area-based DPIA was adopted.
/// </summary>
public static class StartedBeforeTheMoratorium
{
    public const string GateName = "StartedBeforeTheMoratorium";

    /// <summary>The letter to parliament of 1 December 2023 stopped new area-based approaches until the renewed joint DPIA.</summary>
    public static readonly DateOnly MoratoriumSince = new(2023, 12, 1);

    public static string Explanation =>
        "Een lopend project wordt geregistreerd met een startdatum in het verleden; een wijkgericht project alleen als het vóór 1 december 2023 startte of nadat de gezamenlijke DPIA wijkgerichte aanpak was vastgesteld.";

    public static GateResult Check(Project project, DateOnly startedOn, ProjectGateContext context)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(context);
        if (startedOn > context.Today)
        {
            return GateResult.Fail(GateName, "De startdatum van een lopend project ligt niet in de toekomst.");
        }

        if (project.Kind != ProjectKind.AreaBased || startedOn < MoratoriumSince)
        {
            return GateResult.Pass;
        }

        return context.JointAreaBasedDpia is { Kind: DpiaKind.JointAreaBased, IsAdopted: true, AdoptedOn: { } adopted } && adopted <= startedOn
            ? GateResult.Pass
            : GateResult.Fail(GateName,
                "Een wijkgericht project dat na 1 december 2023 startte zonder vastgestelde gezamenlijke DPIA wijkgerichte aanpak, liep niet al vóór de stop op nieuwe wijkgerichte aanpakken.");
    }
}
