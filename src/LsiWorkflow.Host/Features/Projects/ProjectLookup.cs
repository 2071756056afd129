using LsiWorkflow.Domain;
using LsiWorkflow.Domain.Gates;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Projects;

public sealed record ProjectDetails(
    Guid Id,
    string Name,
    ProjectKind Kind,
    ProjectStatus Status,
    string? Municipality,
    Guid? MultiYearPlanId,
    AdopterView? AdoptedBy,
    string? PrivacyProtocolReference,
    ProjectDpiaView? Dpia,
    DateOnly ProposedOn,
    DateOnly? ApprovedOn,
    DateOnly? StartedOn,
    DateOnly? ClosedOn,
    DateOnly? RejectedOn,
    string? RejectionReason,
    IReadOnlyList<ParticipantView> Participants,
    NextTransitionView? NextTransition,
    string? MunicipalityName = null,
    string? Description = null,
    DateOnly? PlannedStartOn = null,
    bool StartedBeforeRegistration = false);

public sealed record ParticipantView(string Organisation, string Name, bool SharesData);

public sealed record AdopterView(Guid MemberId, string PersonName, string? Organisation, string? OrganisationName = null);

public sealed record ProjectDpiaView(Guid Id, DpiaStatus Status);

/// <summary>The transition a project waits for, and every gate reason that holds it back now.</summary>
public sealed record NextTransitionView(ProjectTransition Transition, bool Allowed, IReadOnlyList<GateReason> Reasons);

/// <summary>
/// What projects need besides their own rows: organisations, steering-group members and the DPIAs the gates
/// read. Loaded once for any number of projects, so a list costs the same few queries as one project.
/// </summary>
internal sealed class ProjectLookup
{
    private readonly Dictionary<Guid, Organisation> organisations;
    private readonly Dictionary<Guid, SteeringGroupMember> members;
    private readonly Dpia? jointAreaBased;
    private readonly Dpia? jointPhenomenonBased;
    private readonly Dictionary<Guid, Dpia> projectDpias;

    private ProjectLookup(List<Organisation> organisations, List<SteeringGroup> groups, List<Dpia> dpias)
    {
        this.organisations = organisations.ToDictionary(o => o.Id);
        members = groups.SelectMany(g => g.Members).ToDictionary(m => m.Id);
        jointAreaBased = InForce(dpias, DpiaKind.JointAreaBased);
        jointPhenomenonBased = InForce(dpias, DpiaKind.JointPhenomenonBased);
        projectDpias = dpias.Where(d => d.ProjectId is not null).ToDictionary(d => d.ProjectId!.Value);
    }

    // Untracked: nothing here is changed; a transition saves only its project and its audit line.
    public static async Task<ProjectLookup> LoadAsync(LsiDbContext db, IReadOnlyCollection<Guid> projectIds, CancellationToken cancellationToken)
    {
        var organisations = await db.Set<Organisation>().AsNoTracking().ToListAsync(cancellationToken);
        var groups = await db.Set<SteeringGroup>().AsNoTracking().ToListAsync(cancellationToken);
        var dpias = await db.Set<Dpia>().AsNoTracking()
            .Where(d => d.ProjectId == null || projectIds.Contains(d.ProjectId.Value))
            .ToListAsync(cancellationToken);
        return new ProjectLookup(organisations, groups, dpias);
    }

    public static async Task<Project> FindProjectAsync(LsiDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Set<Project>().SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
        ?? throw new NotFoundException($"Project {id} bestaat niet.");

    /// <summary>One project with what its gates and its view need.</summary>
    public static async Task<(Project Project, ProjectLookup Lookup)> ForProjectAsync(LsiDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var project = await FindProjectAsync(db, id, cancellationToken);
        return (project, await LoadAsync(db, [project.Id], cancellationToken));
    }

    /// <summary>
    /// What the gates of <paramref name="transition"/> say about the project today, without changing it: the same
    /// evaluation the transition itself runs, for the workflows' Gate activity.
    /// </summary>
    public static async Task<(ProjectDetails Project, GateResult Result)> CheckAsync(
        LsiDbContext db, Guid id, ProjectTransition transition, DateOnly today, CancellationToken cancellationToken)
    {
        var (project, lookup) = await ForProjectAsync(db, id, cancellationToken);
        return (lookup.View(project, today), ProjectGates.Evaluate(project, lookup.GateContext(project, today), transition));
    }

    public ProjectGateContext GateContext(Project project, DateOnly today) => new(today)
    {
        JointAreaBasedDpia = jointAreaBased,
        JointPhenomenonBasedDpia = jointPhenomenonBased,
        ProjectDpia = projectDpias.GetValueOrDefault(project.Id),
    };

    public ProjectDetails View(Project project, DateOnly today)
    {
        var adopter = project.AdoptedByMemberId is { } memberId && members.TryGetValue(memberId, out var member)
            ? new AdopterView(member.Id, member.PersonName, organisations.GetValueOrDefault(member.OrganisationId)?.Code,
                organisations.GetValueOrDefault(member.OrganisationId)?.Name)
            : null;
        var dpia = projectDpias.GetValueOrDefault(project.Id);
        return new ProjectDetails(
            project.Id,
            project.Name,
            project.Kind,
            project.Status,
            project.MunicipalityId is { } municipality ? organisations.GetValueOrDefault(municipality)?.Code : null,
            project.MultiYearPlanId,
            adopter,
            project.PrivacyProtocolReference,
            dpia is null ? null : new ProjectDpiaView(dpia.Id, dpia.Status),
            project.ProposedOn,
            project.ApprovedOn,
            project.StartedOn,
            project.ClosedOn,
            project.RejectedOn,
            project.RejectionReason,
            [.. project.Participants.Select(p => new ParticipantView(
                organisations.GetValueOrDefault(p.OrganisationId)?.Code ?? p.OrganisationId.ToString(),
                organisations.GetValueOrDefault(p.OrganisationId)?.Name ?? "",
                p.SharesData))],
            NextTransition(project, today),
            project.MunicipalityId is { } town ? organisations.GetValueOrDefault(town)?.Name : null,
            project.Description,
            project.PlannedStartOn,
            project.StartedBeforeRegistration);
    }

    public Organisation? Organisation(Guid id) => organisations.GetValueOrDefault(id);

    public Organisation? Organisation(string code) =>
        organisations.Values.FirstOrDefault(o => string.Equals(o.Code, code, StringComparison.OrdinalIgnoreCase));

    public SteeringGroupMember? MemberFor(Guid organisationId) =>
        members.Values.FirstOrDefault(m => m.OrganisationId == organisationId);

    private NextTransitionView? NextTransition(Project project, DateOnly today)
    {
        ProjectTransition? next = project.Status switch
        {
            ProjectStatus.Proposed => ProjectTransition.Approve,
            ProjectStatus.Approved => ProjectTransition.Start,
            ProjectStatus.Started => ProjectTransition.Close,
            _ => null,
        };
        if (next is not { } transition)
        {
            return null;
        }

        var result = ProjectGates.Evaluate(project, GateContext(project, today), transition);
        return new NextTransitionView(transition, result.Passed, result.Reasons);
    }

    // A renewed joint DPIA is a new row; an adopted one is the one in force, otherwise the newest draft shows what is coming.
    private static Dpia? InForce(List<Dpia> dpias, DpiaKind kind) =>
        dpias.Where(d => d.Kind == kind)
            .OrderByDescending(d => d.IsAdopted)
            .ThenByDescending(d => d.AdoptedOn)
            .ThenByDescending(d => d.Id)
            .FirstOrDefault();
}
