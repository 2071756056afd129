using LsiWorkflow.Host.Features.Designer;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace LsiWorkflow.Host.Features.Instances;

/// <summary>One instance: its diagram with the path taken and where it waits, tasks, timers, incidents and journal.</summary>
public partial class InstancePage
{
    [Parameter] public Guid InstanceId { get; set; }

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = null!;

    [Inject] private UseCaseSender UseCases { get; set; } = null!;

    private InstanceDetails? details;
    private DefinitionCanvas? canvas;
    private string? definitionName;
    private string? cancelReason;
    private string? message;
    private bool messageIsError;

    private bool IsOpen => details?.Instance.FinishedAt is null && details?.Instance.Status is not ("Finished" or "Cancelled");

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        details = await UseCases.SendAsync(me => new GetInstance(me, InstanceId));
        var definition = await UseCases.SendAsync(me => new GetDefinition(me, details.Instance.DefinitionId, details.Instance.DefinitionVersion));
        definitionName = definition.Name;
        canvas ??= CanvasFactory.Create(await UseCases.SendAsync(me => new ListActivityDescriptors(me)), readOnly: true, o => OutcomeText.Of(L, o));
        canvas.Load(Engine.Definitions.DefinitionSerializer.Parse(definition.Json));
        CanvasFactory.Lock(canvas);
        Mark(canvas, details);
    }

    /// <summary>Activities in the journal were passed; those with a bookmark wait; those with an open incident failed.</summary>
    internal static void Mark(DefinitionCanvas canvas, InstanceDetails details)
    {
        var visited = details.Journal.Select(j => j.ActivityId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var waiting = details.Bookmarks.Select(b => b.ActivityId).ToHashSet(StringComparer.Ordinal);
        var faulted = details.Incidents.Where(i => !i.Resolved).Select(i => i.ActivityId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var node in canvas.Activities)
        {
            node.Mark = faulted.Contains(node.ActivityId) ? ActivityMark.Faulted
                : waiting.Contains(node.ActivityId) ? ActivityMark.Waiting
                : visited.Contains(node.ActivityId) ? ActivityMark.Visited
                : ActivityMark.None;
        }
    }

    private Task RetryAsync(Guid incidentId) => ActAsync(actor => new RetryIncident(InstanceId, incidentId, actor), "Instances.Retried");

    private Task CancelAsync() => ActAsync(actor => new CancelInstance(InstanceId, cancelReason ?? "", actor), "Instances.Cancelled");

    private async Task ActAsync(Func<Actor, ICommand<InstanceChanged>> command, string doneKey)
    {
        try
        {
            await UseCases.SendAsync(command(Actor.From((await AuthenticationState).User)));
            message = L[doneKey];
            messageIsError = false;
            cancelReason = null;
        }
        catch (UseCaseException ex)
        {
            message = ex.Message;
            messageIsError = true;
        }
        await LoadAsync();
    }
}
