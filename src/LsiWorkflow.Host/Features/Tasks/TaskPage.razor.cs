using System.Globalization;
using System.Text.Json.Nodes;
using LsiWorkflow.Host.Features.Instances;
using LsiWorkflow.Host.Shared.Ui;
using LsiWorkflow.Host.Shared.UseCases;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LsiWorkflow.Host.Features.Tasks;

public partial class TaskPage
{
    private TaskPageView? view;
    private string? loadError;
    private string? message;
    private Severity messageSeverity = Severity.Info;
    private string? comment;
    private readonly Dictionary<string, object?> form = [];
    private string? reassignTo;
    private DateTime? newDueDate;
    private bool busy;

    [Parameter]
    public Guid TaskId { get; set; }

    [Inject]
    private UseCaseSender UseCases { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private Display Display { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            await LoadAsync();
        }
        catch (UseCaseException refused)
        {
            loadError = refused.Message;
        }
    }

    private async Task LoadAsync()
    {
        await Display.LoadAsync();
        view = await UseCases.SendAsync(new GetTaskPage(TaskId, await UseCases.ActorAsync()));
    }

    /// <summary>
    /// The comment a person gave with a decision, for its line in the history: the engine's journal names the
    /// step and the person, the task row keeps what they wrote.
    /// </summary>
    private string? CommentOf(JournalLine line)
    {
        if (view is null || line.ActivityType != "HumanTask" || line.Actor is null)
        {
            return null;
        }
        var task = view.Task;
        if (task.Comment is not null && task.ActivityId == line.ActivityId && task.CompletedBy == line.Actor
            && task.ClosedAt is { } closed && Math.Abs((closed - line.EndedAt).TotalSeconds) < 5)
        {
            return task.Comment;
        }
        return view.Decisions
            .Where(d => d.Comment is not null && d.ActivityId == line.ActivityId && d.DecidedBy == line.Actor)
            .OrderBy(d => Math.Abs((d.DecidedAt - line.EndedAt).TotalSeconds))
            .Select(d => d.Comment)
            .FirstOrDefault();
    }

    private string? CommentHelp(TaskItem task) => task.CommentRequiredFor.Count == 0
        ? null
        : string.Format(CultureInfo.CurrentCulture, L["Task.CommentRequiredFor"], string.Join(", ", task.CommentRequiredFor));

    private string? Text(string field) => form.GetValueOrDefault(field) as string;

    /// <summary>
    /// Sends the decision. A refusal (someone else decided first, a comment is missing) is shown as the
    /// use case words it, and the comment and form stay as typed so nothing is lost.
    /// </summary>
    private async Task CompleteAsync(string outcome)
    {
        await RunAsync(async actor =>
        {
            await UseCases.SendAsync(new DecideTask(TaskId, outcome, comment, FormValues(), actor));
            Navigation.NavigateTo($"tasks?done={Uri.EscapeDataString(view!.Task.Title)}");
        }, reload: false);
    }

    private Task ClaimAsync() => RunAsync(actor => UseCases.SendAsync(new ClaimTask(TaskId, actor)));

    private Task ReleaseAsync() => RunAsync(actor => UseCases.SendAsync(new ReleaseTask(TaskId, actor)));

    private Task ReassignAsync() => RunAsync(actor => UseCases.SendAsync(new ReassignTask(TaskId, reassignTo!, actor)));

    private Task ChangeDueDateAsync() => RunAsync(async actor =>
    {
        // The new day keeps the time of day of the old due moment, in the people's time zone.
        var old = Display.Local(view!.Task.DueAt!.Value);
        var local = newDueDate!.Value.Date + old.TimeOfDay;
        await UseCases.SendAsync(new ChangeTaskDueDate(TaskId, new DateTimeOffset(local, Display.Zone.GetUtcOffset(local)), actor));
    });

    private async Task RunAsync(Func<Actor, Task> action, bool reload = true)
    {
        busy = true;
        message = null;
        try
        {
            await action(await UseCases.ActorAsync());
            if (reload)
            {
                await LoadAsync();
                message = L["Task.Saved"];
                messageSeverity = Severity.Success;
            }
        }
        catch (UseCaseException refused)
        {
            message = refused.Message;
            messageSeverity = Severity.Warning;
            if (reload)
            {
                await LoadAsync();
            }
        }
        finally
        {
            busy = false;
        }
    }

    private JsonObject? FormValues()
    {
        if (form.Count == 0)
        {
            return null;
        }
        var values = new JsonObject();
        foreach (var (name, value) in form)
        {
            values[name] = value switch
            {
                null => null,
                DateTime date => JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                decimal number => JsonValue.Create(number),
                bool flag => JsonValue.Create(flag),
                _ => JsonValue.Create(value.ToString()),
            };
        }
        return values;
    }
}
