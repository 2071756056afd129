using System.Globalization;
using LsiWorkflow.Host.Features.Designer;
using LsiWorkflow.Host.Shared.UseCases;
using Blazor.Diagrams.Core.Models;
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

    private bool fitted;

    private bool IsOpen => details?.Instance.FinishedAt is null && details?.Instance.Status is not ("Finished" or "Cancelled");

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        details = await UseCases.SendAsync(me => new GetInstance(me, InstanceId));
        var definition = await UseCases.SendAsync(me => new GetDefinition(me, details.Instance.DefinitionId, details.Instance.DefinitionVersion));
        definitionName = definition.Name;
        if (canvas is null)
        {
            canvas = CanvasFactory.Create(await UseCases.SendAsync(me => new ListActivityDescriptors(me)), readOnly: true, o => OutcomeText.Of(L, o));
            canvas.Diagram.ContainerChanged += FitOnce; // the diagram opens fitted, once the browser gave it its size
        }
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
        foreach (var (link, count) in Taken(canvas, details))
        {
            link.Color = TakenColor;
            link.Width = 3;
            if (count > 1)
            {
                // A loop ran more than once: the count says how often this way was taken.
                link.Labels.Add(new LinkLabelModel(link, string.Create(CultureInfo.CurrentCulture, $"{count}×"), distance: 0.25));
            }
        }
    }

    private const string TakenColor = "#2e7d32";

    /// <summary>
    /// The connections the run took, with how often: each time the journal has an activity ending with an outcome, the
    /// connections that outcome leads to were taken once (the target must have been reached too).
    /// </summary>
    internal static IReadOnlyList<(ConnectionLink Link, int Count)> Taken(DefinitionCanvas canvas, InstanceDetails details)
    {
        var reached = details.Journal.Select(j => j.ActivityId).OfType<string>()
            .Concat(details.Bookmarks.Select(b => b.ActivityId))
            .ToHashSet(StringComparer.Ordinal);
        var ended = details.Journal.Where(j => j.ActivityId is not null && j.Outcome is not null)
            .GroupBy(j => (j.ActivityId!, j.Outcome!))
            .ToDictionary(g => g.Key, g => g.Count());
        return [.. canvas.Connections
            .Where(c => c.TargetActivity is { } target && reached.Contains(target.ActivityId))
            .Select(c => (Link: c, Count: ended.GetValueOrDefault((c.OutcomeSource.Activity.ActivityId, c.OutcomeSource.Outcome))))
            .Where(t => t.Count > 0)];
    }

    private void FitOnce()
    {
        if (!fitted && canvas?.Diagram.Container is { Width: > 0 })
        {
            fitted = true;
            canvas.ZoomToFit();
        }
    }

    private void ZoomToFit() => canvas?.ZoomToFit();

    /// <summary>A variable's value as text to read: text as it is, numbers and dates as written, lists and objects compactly.</summary>
    internal static string Readable(System.Text.Json.Nodes.JsonNode? value) => value switch
    {
        null => "—",
        System.Text.Json.Nodes.JsonValue v when v.TryGetValue(out string? text) => text,
        System.Text.Json.Nodes.JsonValue v when v.TryGetValue(out bool flag) => flag ? "✓" : "✗",
        System.Text.Json.Nodes.JsonArray { Count: 0 } => "—",
        System.Text.Json.Nodes.JsonArray items when items.All(i => i is System.Text.Json.Nodes.JsonValue) => string.Join(", ", items.Select(Readable)),
        _ => value.ToJsonString(),
    };

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
