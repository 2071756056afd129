using LsiWorkflow.Host.Features.Projects;
using LsiWorkflow.Host.Shared.Ui;
using LsiWorkflow.Host.Shared.UseCases;
using Microsoft.AspNetCore.Components;

namespace LsiWorkflow.Host.Features.Tasks;

public partial class TaskList
{
    private TaskFilter filter = new();
    private IReadOnlyList<TaskItem>? tasks;
    private IReadOnlyList<TaskViewItem> views = [];
    private List<string> definitions = [];
    private IReadOnlyList<ProjectDetails> projects = [];
    private string? viewName;

    /// <summary>The title of the task just decided, to confirm it.</summary>
    [SupplyParameterFromQuery]
    public string? Done { get; set; }

    [Inject]
    private UseCaseSender UseCases { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private Display Display { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await Display.LoadAsync();
        var actor = await UseCases.ActorAsync();
        views = await UseCases.SendAsync(new ListTaskViews(actor));
        projects = [.. (await UseCases.SendAsync(me => new ListProjects(me))).OrderBy(p => p.Name, StringComparer.CurrentCulture)];
        await LoadAsync();
    }

    private async Task ApplyAsync(TaskFilter next)
    {
        filter = next;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var actor = await UseCases.ActorAsync();
        tasks = await UseCases.SendAsync(new ListOpenTasks(actor, 500, filter));
        definitions = [.. definitions.Union(tasks.Select(t => t.DefinitionId)).Order(StringComparer.Ordinal)];
    }

    private async Task SaveViewAsync()
    {
        var actor = await UseCases.ActorAsync();
        await UseCases.SendAsync(new SaveTaskView(viewName!, filter, actor));
        views = await UseCases.SendAsync(new ListTaskViews(actor));
        viewName = null;
    }

    private async Task DeleteViewAsync(TaskViewItem view)
    {
        var actor = await UseCases.ActorAsync();
        await UseCases.SendAsync(new DeleteTaskView(view.Id, actor));
        views = await UseCases.SendAsync(new ListTaskViews(actor));
    }

    private bool IsOverdue(TaskItem task) => task.Status == "Open" && task.DueAt < Time.GetUtcNow();
}
