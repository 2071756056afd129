using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.AspNetCore.Components;

namespace LsiWorkflow.Host.Features.Milestones;

/// <summary>
/// The milestones of a page; for the secretariat each open one can be recorded as reached or replanned with a reason,
/// through the same use cases as the API. A refusal stays in the editor; a change reloads the page's list.
/// </summary>
public partial class MilestoneTable
{
    private MilestoneView? selected;
    private DateOnly? reachedOn;
    private DateOnly? plannedOn;
    private string? reason;
    private string? message;
    private string? done;
    private bool busy;

    [Parameter, EditorRequired]
    public IReadOnlyList<MilestoneView> Items { get; set; } = [];

    [Parameter]
    public bool Paged { get; set; }

    [Parameter]
    public string? TestId { get; set; }

    /// <summary>Called after a milestone changed, so the page reads its list again.</summary>
    [Parameter]
    public EventCallback OnChanged { get; set; }

    [Inject]
    private UseCaseSender UseCases { get; set; } = default!;

    private void Select(MilestoneView milestone)
    {
        selected = milestone;
        reachedOn = null;
        plannedOn = milestone.PlannedOn;
        reason = null;
        message = null;
        done = null;
    }

    private Task ReachAsync() =>
        RunAsync(actor => new RecordMilestoneReached(actor, selected!.Id, reachedOn, reason), L["Milestones.Reached"]);

    private Task ReplanAsync() =>
        RunAsync(actor => new ReplanMilestone(actor, selected!.Id, plannedOn!.Value, reason), L["Milestones.Replanned"]);

    private async Task RunAsync(Func<Actor, ICommand<MilestoneView>> command, string doneText)
    {
        busy = true;
        message = null;
        try
        {
            var changed = await UseCases.SendAsync(command);
            done = $"{changed.Name}: {doneText}";
            selected = null;
            await OnChanged.InvokeAsync();
        }
        catch (UseCaseException refused)
        {
            message = refused.Message;
        }
        finally
        {
            busy = false;
        }
    }
}
