using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Commitments;
using LsiWorkflow.Host.Features.Milestones;
using LsiWorkflow.Host.Features.Tasks;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Ui;
using LsiWorkflow.Host.Shared.UseCases;
using Microsoft.AspNetCore.Components;
using TaskStatus = LsiWorkflow.Runtime.Persistence.TaskStatus;

namespace LsiWorkflow.Host.Features.Home;

/// <summary>
/// The start page: what waits on this person (open, overdue, due this week), what is coming (milestones and
/// commitments, for those who follow them) and what was decided lately. Each part shows only what the role may read.
/// </summary>
public partial class Home
{
    private IReadOnlyList<TaskItem>? tasks;
    private int overdue;
    private int dueThisWeek;
    private IReadOnlyList<TaskItem>? decisions;
    private IReadOnlyList<MilestoneView>? milestones;
    private IReadOnlyList<CommitmentView>? commitments;

    [Inject]
    private UseCaseSender UseCases { get; set; } = default!;

    [Inject]
    private Display Display { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await Display.LoadAsync();
        var actor = await UseCases.ActorAsync();
        if (Policies.Allows(Policies.CanOpenInbox, actor))
        {
            tasks = await UseCases.SendAsync(new ListOpenTasks(actor, 200, new TaskFilter()));
            overdue = (await UseCases.SendAsync(new ListOpenTasks(actor, 200, new TaskFilter(Overdue: true)))).Count;
            dueThisWeek = (await UseCases.SendAsync(new ListOpenTasks(actor, 200, new TaskFilter(DueThisWeek: true)))).Count;
            decisions = [.. (await UseCases.SendAsync(new ListOpenTasks(actor, 200, new TaskFilter(Status: TaskStatus.Completed))))
                .OrderByDescending(t => t.ClosedAt).Take(5)];
        }
        if (Policies.Allows(Policies.CanViewMilestones, actor))
        {
            var today = Display.Today();
            milestones = [.. (await UseCases.SendAsync(new ListMilestones(actor)))
                .Where(m => m.ActualOn is null && m.PlannedOn >= today).OrderBy(m => m.PlannedOn).Take(5)];
            commitments = [.. (await UseCases.SendAsync(new ListCommitments(actor, CommitmentStatus.Open))).OrderBy(c => c.DueOn).Take(5)];
        }
    }

    private bool IsOverdue(TaskItem task) => task.DueAt < Time.GetUtcNow();
}
