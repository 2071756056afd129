using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models.Base;
using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Interchange;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.JSInterop;

namespace LsiWorkflow.Host.Features.Designer;

/// <summary>
/// The designer of one definition. Every change is recorded as a snapshot of the definition JSON (undo/redo) and
/// validated at once; saving passes the row version that was loaded, so a concurrent save is refused, not overwritten.
/// </summary>
public partial class DesignerPage : IAsyncDisposable
{
    private const long MaxImportBytes = 2_000_000;

    [Parameter] public string DefinitionId { get; set; } = "";

    [SupplyParameterFromQuery] public string? Name { get; set; }

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = null!;

    [Inject] private UseCaseSender UseCases { get; set; } = null!;

    [Inject] private IJSRuntime JS { get; set; } = null!;

    private readonly DefinitionHistory history = new();
    private DefinitionCanvas? canvas;
    private ValidationResult validation = new([]);
    private ActivityDescriptor? dragging;
    private ActivityNode? selectedNode;
    private uint? rowVersion;
    private int? version;
    private DefinitionStatus? status;
    private string? savedJson;
    private bool restoring;
    private bool busy;
    private string? message;
    private bool messageIsError;
    private string? variablesText;
    private string? variablesError;
    private DryRunState? dryRun;
    private Dictionary<string, string?>? dryRunInputs;
    private string? copied;
    private int pastes;
    private IReadOnlyList<VariableInReach> inReach = [];
    private DesignerDownloads? downloads;
    private IReadOnlyList<BpmnImportIssue> importIssues = [];
    private IReadOnlyList<PersonChoice> people = [];
    private bool advanced;
    private (string ActivityId, string Property)? highlighted;

    private static readonly HashSet<string> AssignmentProperties =
        [AssignmentEditor.AssigneeProperty, AssignmentEditor.CompletionProperty, AssignmentEditor.AtLeastProperty];

    /// <summary>A type whose assignee, completion and count are those of a task for organisations, roles and people.</summary>
    private static bool UsesAssignmentEditor(ActivityDescriptor descriptor) =>
        descriptor.Properties.Any(p => p.Name == AssignmentEditor.AssigneeProperty && p.Kind == PropertyKind.Object);

    private bool notFound;
    private Timer? autosave;

    /// <summary>How long after the last change a draft saves itself.</summary>
    internal static TimeSpan AutosaveDelay { get; set; } = TimeSpan.FromSeconds(20);

    private bool IsDirty => history.Current != savedJson;

    /// <summary>"1 probleem", "2 problemen": the plural the count needs.</summary>
    private string ProblemCountText(int count) =>
        string.Format(CultureInfo.CurrentCulture, L[count == 1 ? "Designer.Problems.One" : "Designer.Problems.Many"], count);

    private bool HasProblems => !validation.IsValid;

    private bool CanPublish => IsDirty || status == DefinitionStatus.Draft;

    private string StatusText => status switch
    {
        null => L["Designer.StatusNew"],
        DefinitionStatus.Draft => string.Format(CultureInfo.CurrentCulture, L["Designer.StatusDraft"], version),
        _ => string.Format(CultureInfo.CurrentCulture, L["Designer.StatusPublished"], version),
    };

    protected override async Task OnInitializedAsync()
    {
        canvas = CanvasFactory.Create(await UseCases.SendAsync(me => new ListActivityDescriptors(me)), readOnly: false, o => OutcomeText.Of(L, o));
        var diagram = canvas.Diagram;
        diagram.Nodes.Added += node => node.Moved += OnMoved;
        diagram.Nodes.Removed += _ => Changed();
        diagram.Links.Added += link => link.TargetAttached += _ => Changed();
        diagram.Links.Removed += _ => Changed();
        diagram.SelectionChanged += OnSelectionChanged;
        diagram.ContainerChanged += FitOnce; // opens zoomed to fit, once the browser gave the canvas its size
        var keys = diagram.GetBehavior<Blazor.Diagrams.Core.Behaviors.KeyboardShortcutsBehavior>();
        keys?.SetShortcut("z", true, false, false, _ => new ValueTask(InvokeAsync(UndoAsync)));
        keys?.SetShortcut("y", true, false, false, _ => new ValueTask(InvokeAsync(RedoAsync)));
        keys?.SetShortcut("c", true, false, false, _ => new ValueTask(InvokeAsync(Copy)));
        keys?.SetShortcut("v", true, false, false, _ => new ValueTask(InvokeAsync(PasteAsync)));
        downloads = new DesignerDownloads(JS);
        people = await UseCases.SendAsync(me => new ListPeople(me));

        WorkflowDefinition definition;
        try
        {
            var details = await UseCases.SendAsync(me => new GetDefinition(me, DefinitionId));
            definition = DefinitionSerializer.Parse(details.Json);
            Loaded(details.RowVersion, details.Version, details.Status);
        }
        catch (NotFoundException) when (string.IsNullOrWhiteSpace(Name))
        {
            notFound = true; // a mistyped address, not a new workflow: new ones come from the list with a name
            canvas = null;
            return;
        }
        catch (NotFoundException)
        {
            definition = new WorkflowDefinition { Id = DefinitionId, Name = string.IsNullOrWhiteSpace(Name) ? DefinitionId : Name };
        }
        await RestoreAsync(definition);
        history.Reset(canvas.ToJson());
        savedJson = status is null ? null : history.Current;
    }

    private void Loaded(uint row, int loadedVersion, DefinitionStatus loadedStatus)
    {
        rowVersion = row;
        version = loadedVersion;
        status = loadedStatus;
    }

    /// <summary>Puts a definition on the canvas without recording it as a change.</summary>
    private async Task RestoreAsync(WorkflowDefinition definition)
    {
        restoring = true;
        try
        {
            canvas!.Load(definition);
        }
        finally
        {
            restoring = false;
        }
        selectedNode = null;
        variablesText = definition.Variables.Count == 0 ? "" : JsonSerializer.Serialize(definition.Variables, DefinitionSerializer.Options);
        variablesError = null;
        await ValidateAsync(canvas.ToJson());
    }

    private void OnMoved(MovableModel model)
    {
        if (model is ActivityNode node)
        {
            node.PositionStored = true;
        }
        Changed();
    }

    private void Changed()
    {
        if (!restoring)
        {
            _ = InvokeAsync(CommitAsync);
        }
    }

    private async Task CommitAsync()
    {
        var definition = canvas!.ToDefinition();
        var json = DefinitionSerializer.Serialize(definition);
        if (history.Record(json))
        {
            StopDryRun(); // a run of an older version of the diagram would mislead
            await ValidateAsync(json);
            UpdateInReach(definition);
            ScheduleAutosave();
        }
        StateHasChanged();
    }

    private async Task ValidateAsync(string json)
    {
        validation = await UseCases.SendAsync(me => new ValidateDefinition(me, json));
        foreach (var node in canvas!.Activities)
        {
            var problems = validation.Problems.Where(p => p.ActivityId == node.ActivityId).Select(p => p.Message).ToList();
            if (!problems.SequenceEqual(node.Problems))
            {
                node.Problems = problems;
                node.Refresh();
            }
        }
    }

    private void OnSelectionChanged(SelectableModel model)
    {
        var nodes = canvas!.Diagram.GetSelectedModels().OfType<ActivityNode>().Take(2).ToList();
        var next = nodes.Count == 1 ? nodes[0] : null;
        if (next != selectedNode)
        {
            selectedNode = next;
            UpdateInReach();
            _ = InvokeAsync(StateHasChanged);
        }
    }

    /// <summary>The names the expressions of the selected activity may use; worked out when it or the diagram changes.</summary>
    private void UpdateInReach(WorkflowDefinition? definition = null) =>
        inReach = selectedNode is null ? [] : VariablesInReach.For(definition ?? canvas!.ToDefinition(), selectedNode.ActivityId, type => canvas!.Descriptors.FirstOrDefault(d => d.Type == type));

    private void Copy()
    {
        copied = canvas!.Copy(canvas.Diagram.GetSelectedModels().OfType<ActivityNode>()) ?? copied;
        pastes = 0;
    }

    /// <summary>Pastes what was copied, each paste a step further down and right, as one undo step, selected.</summary>
    private async Task PasteAsync()
    {
        if (copied is null)
        {
            return;
        }
        IReadOnlyList<ActivityNode> pasted;
        restoring = true;
        try
        {
            pasted = canvas!.Paste(copied, offset: 40 * ++pastes);
        }
        finally
        {
            restoring = false;
        }
        canvas.Diagram.UnselectAll();
        foreach (var node in pasted)
        {
            canvas.Diagram.SelectModel(node, unselectOthers: false);
        }
        await CommitAsync();
    }

    private string FileName(string extension) => $"{DefinitionId}.{extension}";

    // Generated on request, not carried in the page as a data address that every render of the page would re-send.
    private Task ExportJsonAsync() => downloads!.TextAsync(FileName("json"), "application/json", history.Current);

    private async Task ExportBpmnAsync()
    {
        try
        {
            await downloads!.TextAsync(FileName("bpmn"), "application/xml", await UseCases.SendAsync(me => new ExportBpmn(me, history.Current)));
        }
        catch (UseCaseException ex)
        {
            Show(ex.Message, error: true);
        }
    }

    private Task ExportSvgAsync() => downloads!.TextAsync(FileName("svg"), "image/svg+xml", DiagramSvg.Render(canvas!));

    private Task ExportPngAsync() => downloads!.PngAsync(FileName("png"), DiagramSvg.Render(canvas!));

    /// <summary>The property a problem is about, from the path the validator gives ($.activities[1].properties.title).</summary>
    private PropertyDescriptor? FieldOf(ValidationProblem problem)
    {
        var match = PropertyInPath().Match(problem.Path);
        return match.Success && problem.ActivityId is not null && canvas!.Find(problem.ActivityId)?.Descriptor is { } descriptor
            ? descriptor.Properties.FirstOrDefault(p => p.Name == match.Groups[1].Value)
            : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\.properties\.([A-Za-z0-9_]+)")]
    private static partial System.Text.RegularExpressions.Regex PropertyInPath();

    /// <summary>Chooses the activity a problem is about and marks the field it names.</summary>
    private void SelectProblem(ValidationProblem problem)
    {
        highlighted = problem.ActivityId is { } id && FieldOf(problem) is { } field ? (id, field.Name) : null;
        Select(problem.ActivityId);
    }

    private void Select(string? activityId)
    {
        if (activityId is not null && canvas!.Find(activityId) is { } node)
        {
            canvas.Diagram.SelectModel(node, unselectOthers: true);
        }
    }

    private async Task AddAsync(ActivityDescriptor descriptor, Point? at)
    {
        var node = canvas!.AddActivity(descriptor, at);
        canvas.Diagram.SelectModel(node, unselectOthers: true);
        await CommitAsync();
    }

    private Task OnDropAsync(Point at)
    {
        var descriptor = dragging;
        dragging = null;
        return descriptor is null ? Task.CompletedTask : AddAsync(descriptor, at);
    }

    private Task SetPropertyAsync(ActivityNode node, PropertyDescriptor property, JsonNode? value)
    {
        node.Properties ??= [];
        if (value is null)
        {
            node.Properties.Remove(property.Name);
        }
        else
        {
            node.Properties[property.Name] = value;
        }
        if (node.Properties.Count == 0)
        {
            node.Properties = null;
        }
        if (property.Name == node.Descriptor?.OutcomesProperty)
        {
            canvas!.SyncOutcomes(node);
        }
        node.Refresh();
        return CommitAsync();
    }

    /// <summary>Sets several properties as one change (one undo step).</summary>
    private Task SetPropertiesAsync(ActivityNode node, IReadOnlyDictionary<string, JsonNode?> changes)
    {
        node.Properties ??= [];
        foreach (var (name, value) in changes)
        {
            if (value is null)
            {
                node.Properties.Remove(name);
            }
            else
            {
                node.Properties[name] = value;
            }
        }
        if (node.Properties.Count == 0)
        {
            node.Properties = null;
        }
        node.Refresh();
        return CommitAsync();
    }

    private Task RenameAsync(ActivityNode node, string? id)
    {
        if (!string.IsNullOrWhiteSpace(id))
        {
            node.ActivityId = id.Trim();
            node.Refresh();
        }
        return CommitAsync();
    }

    private Task SetDisplayNameAsync(ActivityNode node, string? name)
    {
        node.DisplayName = string.IsNullOrWhiteSpace(name) ? null : name;
        node.Refresh();
        return CommitAsync();
    }

    private Task SetNameAsync(string? name)
    {
        canvas!.Header = canvas.Header with { Name = name ?? "" };
        return CommitAsync();
    }

    private Task SetDescriptionAsync(string? description)
    {
        canvas!.Header = canvas.Header with { Description = string.IsNullOrWhiteSpace(description) ? null : description };
        return CommitAsync();
    }

    private Task SetVariablesAsync(string? text)
    {
        variablesText = text;
        try
        {
            var variables = string.IsNullOrWhiteSpace(text) ? [] : JsonSerializer.Deserialize<List<VariableDefinition>>(text, DefinitionSerializer.Options) ?? [];
            variablesError = null;
            canvas!.Header = canvas.Header with { Variables = variables };
            return CommitAsync();
        }
        catch (JsonException ex)
        {
            variablesError = string.Format(CultureInfo.CurrentCulture, L["Designer.InvalidJson"], ex.Message);
            return Task.CompletedTask;
        }
    }

    private async Task UndoAsync()
    {
        if (history.Undo() is { } json)
        {
            await RestoreAsync(DefinitionSerializer.Parse(json));
            StateHasChanged();
        }
    }

    private async Task RedoAsync()
    {
        if (history.Redo() is { } json)
        {
            await RestoreAsync(DefinitionSerializer.Parse(json));
            StateHasChanged();
        }
    }

    private async Task DeleteSelectionAsync()
    {
        var diagram = canvas!.Diagram;
        var selection = diagram.GetSelectedModels().ToList();
        restoring = true; // one undo step for the whole selection
        try
        {
            diagram.Links.Remove(selection.OfType<BaseLinkModel>().ToList());
            diagram.Nodes.Remove(selection.OfType<ActivityNode>().ToList());
        }
        finally
        {
            restoring = false;
        }
        selectedNode = null;
        await CommitAsync();
    }

    private Task TidyAsync()
    {
        canvas!.Tidy();
        canvas.ZoomToFit();
        return CommitAsync();
    }

    private void ZoomToFit() => canvas!.ZoomToFit();

    private bool fitted;

    private void FitOnce()
    {
        if (!fitted && canvas?.Diagram.Container is { Width: > 0 })
        {
            fitted = true;
            canvas.ZoomToFit();
        }
    }

    /// <summary>Reads a definition (JSON) or a BPMN 2.0 file (XML) into this definition, as one undo step.</summary>
    private async Task ImportAsync(InputFileChangeEventArgs e)
    {
        importIssues = [];
        try
        {
            using var reader = new StreamReader(e.File.OpenReadStream(MaxImportBytes));
            var text = await reader.ReadToEndAsync();
            WorkflowDefinition definition;
            if (text.TrimStart().StartsWith('<'))
            {
                var imported = await UseCases.SendAsync(me => new ImportBpmn(me, text, DefinitionId));
                definition = DefinitionSerializer.Parse(imported.Json);
                importIssues = imported.Issues;
            }
            else
            {
                definition = DefinitionSerializer.Parse(text);
            }
            // An imported file becomes the content of this definition, whatever id it had.
            await RestoreAsync(definition with { Id = DefinitionId });
            await CommitAsync();
            canvas!.ZoomToFit();
            Show(L["Designer.Imported"], error: false);
        }
        catch (Exception ex) when (ex is DefinitionFormatException or IOException or UseCaseException)
        {
            Show(string.Format(CultureInfo.CurrentCulture, L["Designer.ImportFailed"], ex.Message), error: true);
        }
    }

    /// <summary>Saves the draft a while after the last change, problems and all, unless it was saved meanwhile.</summary>
    private void ScheduleAutosave()
    {
        autosave ??= new Timer(_ => InvokeAsync(AutosaveAsync));
        autosave.Change(AutosaveDelay, Timeout.InfiniteTimeSpan);
    }

    private async Task AutosaveAsync()
    {
        if (IsDirty && !busy && status is not DefinitionStatus.Published)
        {
            await SaveAsync(automatic: true);
            StateHasChanged();
        }
    }

    /// <summary>Leaving with unsaved changes asks first; the browser asks itself when the tab is closed or reloaded.</summary>
    private async Task ConfirmLeaveAsync(LocationChangingContext context)
    {
        if (IsDirty && !await JS.InvokeAsync<bool>("confirm", L["Designer.ConfirmLeave"].Value))
        {
            context.PreventNavigation();
        }
    }

    private Task<bool> SaveAsync() => SaveAsync(automatic: false);

    /// <summary>Saves the draft as it is; problems are listed with it and only keep it from being published.</summary>
    private async Task<bool> SaveAsync(bool automatic)
    {
        busy = true;
        try
        {
            var json = history.Current;
            var saved = await UseCases.SendAsync(new SaveDraft(json, rowVersion, await ActorAsync(), KeepProblems: true));
            Loaded(saved.RowVersion, saved.Version, DefinitionStatus.Draft);
            savedJson = json;
            var text = string.Format(CultureInfo.CurrentCulture, L[automatic ? "Designer.Autosaved" : "Designer.Saved"], saved.Version);
            if (HasProblems)
            {
                text += " " + string.Format(CultureInfo.CurrentCulture, L["Designer.SavedWithProblems"], ProblemCountText(validation.Problems.Count));
            }
            Show(text, error: false);
            return true;
        }
        catch (UseCaseException ex)
        {
            Show(ex.Message, error: true);
            return false;
        }
        finally
        {
            busy = false;
        }
    }

    private async Task PublishAsync()
    {
        if (IsDirty && !await SaveAsync())
        {
            return;
        }
        busy = true;
        try
        {
            var published = await UseCases.SendAsync(new PublishDefinition(DefinitionId, await ActorAsync()));
            var details = await UseCases.SendAsync(me => new GetDefinition(me, DefinitionId, published.Version));
            Loaded(details.RowVersion, details.Version, details.Status);
            Show(string.Format(CultureInfo.CurrentCulture, L["Designer.PublishedMessage"], published.Version), error: false);
        }
        catch (UseCaseException ex)
        {
            Show(ex.Message, error: true);
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>The inputs the start declares, as (name, type) pairs, for the dry run's test inputs.</summary>
    private IReadOnlyList<(string Name, string Type)> StartInputs =>
        [.. canvas!.Activities.Where(a => a.Descriptor?.IsStart == true).SelectMany(a => VariablesInReach.InputsOf(a.Properties)).DistinctBy(i => i.Name)];

    /// <summary>A start with inputs first asks for test values; one without starts at once.</summary>
    private Task PrepareDryRunAsync()
    {
        var inputs = StartInputs;
        if (inputs.Count == 0)
        {
            return StartDryRunAsync();
        }
        StopDryRun();
        dryRunInputs = inputs.ToDictionary(i => i.Name, i => dryRunInputs?.GetValueOrDefault(i.Name));
        return Task.CompletedTask;
    }

    private JsonObject TestInput()
    {
        var input = new JsonObject();
        foreach (var (name, type) in StartInputs)
        {
            if (dryRunInputs?.GetValueOrDefault(name) is not { Length: > 0 } text)
            {
                continue;
            }
            input[name] = type switch
            {
                VariableTypes.Number when double.TryParse(text, NumberStyles.Float, CultureInfo.CurrentCulture, out var n) => JsonValue.Create(n),
                VariableTypes.Boolean when bool.TryParse(text, out var b) => JsonValue.Create(b),
                _ => JsonValue.Create(text),
            };
        }
        return input;
    }

    private async Task StartDryRunAsync()
    {
        try
        {
            ShowDryRun(await UseCases.SendAsync(me => new DryRunStep(me, history.Current, null, Input: dryRunInputs is null ? null : TestInput())));
            dryRunInputs = null;
        }
        catch (UseCaseException ex)
        {
            Show(ex.Message, error: true);
        }
    }

    private async Task ChooseAsync(DryRunTask task, string outcome)
    {
        try
        {
            ShowDryRun(await UseCases.SendAsync(me => new DryRunStep(me, history.Current, dryRun!.StateJson, task.BookmarkId, task.TaskId, outcome)));
        }
        catch (UseCaseException ex)
        {
            Show(ex.Message, error: true);
        }
    }

    private void ShowDryRun(DryRunState? run)
    {
        dryRun = run;
        foreach (var node in canvas!.Activities)
        {
            var mark = run is null ? ActivityMark.None
                : run.Waiting.Contains(node.ActivityId) ? ActivityMark.Waiting
                : run.Visited.Contains(node.ActivityId) ? ActivityMark.Visited
                : ActivityMark.None;
            if (mark != node.Mark)
            {
                node.Mark = mark;
                node.Refresh();
            }
        }
    }

    private void StopDryRun()
    {
        if (dryRun is not null)
        {
            ShowDryRun(null);
        }
    }

    private void Show(string text, bool error)
    {
        message = text;
        messageIsError = error;
    }

    private async Task<Actor> ActorAsync() => Actor.From((await AuthenticationState).User);

    public async ValueTask DisposeAsync()
    {
        if (autosave is not null)
        {
            await autosave.DisposeAsync();
        }
        if (canvas is not null)
        {
            canvas.Diagram.SelectionChanged -= OnSelectionChanged;
            canvas.Diagram.ContainerChanged -= FitOnce;
        }
        if (downloads is not null)
        {
            await downloads.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}
