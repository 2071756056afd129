using LsiWorkflow.Domain;
using LsiWorkflow.Domain.Gates;
using LsiWorkflow.Host.Features.Audit;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
namespace LsiWorkflow.Host.Features.Projects;

/// <summary>
/// The shared path of approve, start, close and reject: run the gates, and either record the change or
/// record the refusal (a reviewer must be able to see that a safeguard held) and answer 409 with every reason.
/// </summary>
public sealed class ProjectTransitions(LsiDbContext db, AuditTrail audit, TimeProvider clock)
{
    public async ValueTask<ProjectDetails> ApplyAsync(
        Actor actor,
        Guid projectId,
        ProjectTransition transition,
        string? why,
        Func<Project, ProjectGateContext, GateResult> change,
        CancellationToken cancellationToken)
    {
        var (project, lookup) = await ProjectLookup.ForProjectAsync(db, projectId, cancellationToken);
        var today = clock.Today();
        var from = project.Status;
        var result = change(project, lookup.GateContext(project, today));
        if (!result.Passed)
        {
            audit.Record(actor, "GateBlocked", project,
                AuditTrail.AsJson(new { transition = transition.ToString(), status = from.ToString(), reasons = result.Reasons }), why);
            await db.SaveChangesAsync(cancellationToken);
            throw DomainRules.Refusal(result, "Projectovergang geweigerd");
        }

        audit.Record(actor, ActionOf(transition), project, $"Status {from} -> {project.Status} op {today:yyyy-MM-dd}", why);
        await db.SaveChangesAsync(cancellationToken);
        return lookup.View(project, today);
    }

    private static string ActionOf(ProjectTransition transition) => transition switch
    {
        ProjectTransition.Approve => "ProjectApproved",
        ProjectTransition.Start => "ProjectStarted",
        ProjectTransition.Close => "ProjectClosed",
        ProjectTransition.Reject => "ProjectRejected",
        _ => throw new ArgumentOutOfRangeException(nameof(transition), transition, null),
    };
}
