namespace LsiWorkflow.Domain;

/// <summary>What a milestone is about. A convenant cycle is identified by its <see cref="Covenant"/>.</summary>
public enum MilestoneSubject
{
    CovenantCycle,
    MultiYearPlan,
    Project,
    Commitment,
}

/// <summary>A planned date and, once reached, the actual one, for one cycle, plan, project or commitment.</summary>
public sealed class Milestone : Entity
{
    private Milestone()
    {
    }

    public Milestone(string name, DateOnly plannedOn, MilestoneSubject subject, Guid subjectId, Guid? id = null)
        : base(id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        PlannedOn = plannedOn;
        Subject = subject;
        SubjectId = subjectId;
    }

    public string Name { get; private set; } = "";

    public DateOnly PlannedOn { get; private set; }

    public DateOnly? ActualOn { get; private set; }

    public MilestoneSubject Subject { get; private set; }

    public Guid SubjectId { get; private set; }

    public void Reach(DateOnly on) => ActualOn = on;

    /// <summary>Moves the planned date; a milestone already reached keeps the date it was planned for.</summary>
    public void Replan(DateOnly plannedOn)
    {
        if (ActualOn is not null)
        {
            throw new DomainRuleException("Deze mijlpaal is al bereikt; de geplande datum verandert niet meer.");
        }

        PlannedOn = plannedOn;
    }

    public bool IsLate(DateOnly today) => ActualOn is null && today > PlannedOn;

    public MilestoneStatus StatusOn(DateOnly today, int openTasks) => MilestoneStatusRules.Evaluate(PlannedOn, ActualOn, today, openTasks);
}
