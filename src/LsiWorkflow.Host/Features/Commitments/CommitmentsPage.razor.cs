using LsiWorkflow.Host.Features.Reporting;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.AspNetCore.Components;

namespace LsiWorkflow.Host.Features.Commitments;

/// <summary>
/// The commitments to parliament; the secretariat fulfils one with its result (and where the proof is), or moves its
/// due date with the reason, through the same use cases as the API. Refusals are shown in the editor.
/// </summary>
public partial class CommitmentsPage
{
    private IReadOnlyList<CommitmentView> commitments = [];
    private IReadOnlyList<Count> counts = [];
    private CommitmentView? selected;
    private string? result;
    private string? documentReference;
    private DateOnly? fulfilledOn;
    private DateOnly? dueOn;
    private string? reason;
    private string? message;
    private string? done;
    private bool busy;

    [Inject]
    private UseCaseSender Sender { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        commitments = await QueryAsync(actor => new ListCommitments(actor));
        counts = Tally.Commitments(commitments);
    }

    private void Select(CommitmentView commitment)
    {
        selected = commitment;
        result = null;
        documentReference = null;
        fulfilledOn = null;
        dueOn = commitment.DueOn;
        reason = null;
        message = null;
        done = null;
    }

    private Task FulfilAsync() =>
        RunAsync(actor => new FulfilCommitment(actor, selected!.Id, fulfilledOn, null, result, documentReference), L["Commitments.FulfilDone"]);

    private Task ChangeDueDateAsync() =>
        RunAsync(actor => new ChangeCommitmentDueDate(actor, selected!.Id, dueOn!.Value, reason), L["Commitments.DueOnChanged"]);

    private async Task RunAsync(Func<Actor, ICommand<CommitmentView>> command, string doneText)
    {
        busy = true;
        message = null;
        try
        {
            var changed = await Sender.SendAsync(command);
            done = $"{changed.Text} {doneText}";
            selected = null;
            await LoadAsync();
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
