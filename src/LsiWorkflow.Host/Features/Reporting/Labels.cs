using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Projects;
namespace LsiWorkflow.Host.Features.Reporting;

/// <summary>
/// The Dutch words for the domain's states, as the ministry pages, the CSV exports and the progress report use
/// them; like the gate reasons and the milestone rules they are the words of the LSI's own documents.
/// </summary>
public static class Labels
{
    public static string Subject(MilestoneSubject subject) => subject switch
    {
        MilestoneSubject.CovenantCycle => "Convenantcyclus",
        MilestoneSubject.MultiYearPlan => "Meerjarenplan",
        MilestoneSubject.Project => "Project",
        MilestoneSubject.Commitment => "Toezegging",
        _ => subject.ToString(),
    };

    public static string FollowUp(FollowUpStatus status) => Dutch.Of(status);

    public static string Kind(ProjectKind kind) => kind == ProjectKind.AreaBased ? "wijkgericht" : "fenomeengericht";

    public static string Status(ProjectStatus status) => Dutch.Of(status);

    public static string Transition(ProjectTransition transition) => transition switch
    {
        ProjectTransition.Approve => "goedkeuren",
        ProjectTransition.Start => "starten",
        ProjectTransition.Close => "afsluiten",
        ProjectTransition.Reject => "afwijzen",
        _ => transition.ToString(),
    };

    public static IReadOnlyList<string> Gates { get; } = ["open", "geblokkeerd", "afgerond"];

    /// <summary>Whether the gates let the project take its next step now: open, blocked, or finished (no next step).</summary>
    public static string Gate(ProjectDetails project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return project.NextTransition switch
        {
            null => Gates[2],
            { Allowed: true } => Gates[0],
            _ => Gates[1],
        };
    }
}
