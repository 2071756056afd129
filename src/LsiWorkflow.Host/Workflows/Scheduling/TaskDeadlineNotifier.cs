using System.Text.Json;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Host.Identity;
using LsiWorkflow.Host.Notifications;
using LsiWorkflow.Host.Persistence;
using LsiWorkflow.Host.Workflows.Persistence;
using LsiWorkflow.Host.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Scriban.Runtime;

namespace LsiWorkflow.Host.Workflows.Scheduling;

/// <summary>
/// Reminds the people a task is assigned to before and on its due date, and tells the escalation target
/// (steering-group member or secretariat) once it is overdue. The text comes from the notification
/// templates; the mail goes through the outbox.
/// </summary>
public sealed class TaskDeadlineNotifier(NotificationTemplates templates, MailOptions options, TimeProvider time) : ITaskDeadlineHandler
{
    // Scoped: one batch of deadlines asks for each workflow's name once.
    private readonly Dictionary<string, string> workflowNames = [];

    public async Task<IReadOnlyList<Guid>> HandleAsync(LsiDbContext db, TimerRecord timer, TaskRecord task, CancellationToken ct)
    {
        if (!workflowNames.TryGetValue(task.DefinitionId, out var workflowName))
        {
            workflowName = await db.Set<DefinitionRecord>().AsNoTracking()
                .Where(d => d.DefinitionId == task.DefinitionId && d.Status != DefinitionStatus.Draft)
                .OrderByDescending(d => d.Version).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? task.DefinitionId;
            workflowNames[task.DefinitionId] = workflowName;
        }
        var model = Model(task, workflowName, options.Language, options.PublicBaseUrl);
        var notification = timer.TaskDeadline switch
        {
            TaskDeadlineKind.Escalation => Escalation(timer.Id, task, templates.Render(NotificationTemplates.TaskEscalation, options.Language, model)),
            TaskDeadlineKind.Due => Assignees(timer.Id, task, templates.Render(NotificationTemplates.TaskDue, options.Language, model)),
            _ => Assignees(timer.Id, task, templates.Render(NotificationTemplates.TaskReminder, options.Language, model)),
        };
        var message = new OutboxMessage
        {
            Id = Guid.NewGuid(),
            Kind = OutboxKinds.Notification,
            InstanceId = task.InstanceId,
            Payload = JsonSerializer.Serialize<WorkflowEffect>(notification, WorkflowState.JsonOptions),
            CreatedAt = time.GetUtcNow(),
        };
        db.Add(message);
        return [message.Id];
    }

    /// <summary>What the task templates see: <c>task.*</c> and <c>workflow.*</c>.</summary>
    public static ScriptObject Model(TaskRecord task, string workflowName, string language, string baseUrl) => new()
    {
        ["task"] = new ScriptObject
        {
            ["title"] = task.Title,
            ["description"] = task.Description ?? "",
            ["assigned_to"] = task.AssigneeUser ?? task.Organisation ?? task.Role ?? "",
            ["priority"] = Priority(task.Priority, language),
            ["due"] = NotificationTemplates.FormatMoment(task.DueAt, language),
            ["escalate_to"] = task.EscalateTo is null ? "" : EscalationName(task.EscalateTo, language),
            ["url"] = $"{baseUrl.TrimEnd('/')}/tasks/{task.Id}",
        },
        ["workflow"] = new ScriptObject { ["name"] = workflowName, ["id"] = task.DefinitionId },
    };

    private static NotificationRequested Assignees(Guid id, TaskRecord task, RenderedNotification text) => new(
        id,
        task.AssigneeUser is null && task.Organisation is { } organisation ? [organisation] : [],
        task.AssigneeUser is null && task.Organisation is null && task.Role is { } role ? [role] : [],
        task.AssigneeUser is { } user ? [user] : [],
        text.Subject,
        text.Body);

    private static NotificationRequested Escalation(Guid id, TaskRecord task, RenderedNotification text) =>
        new(id, [], [EscalationRole(task.EscalateTo)], [], text.Subject, text.Body);

    /// <summary>Definitions name the target in words of the organisation; people hold roles.</summary>
    private static string EscalationRole(string? escalateTo) => escalateTo switch
    {
        "SteeringGroupMember" or "Stuurgroep" or "SteeringGroup" => Roles.SteeringGroupMember,
        _ => Roles.Secretary,
    };

    private static string EscalationName(string escalateTo, string language) => (EscalationRole(escalateTo), language) switch
    {
        (Roles.SteeringGroupMember, "en") => "the steering group",
        (Roles.SteeringGroupMember, _) => "de stuurgroep",
        (_, "en") => "the secretariat",
        _ => "het secretariaat",
    };

    private static string Priority(string priority, string language) => (priority, language) switch
    {
        ("high", "en") => "high",
        ("low", "en") => "low",
        (_, "en") => "normal",
        ("high", _) => "hoog",
        ("low", _) => "laag",
        _ => "normaal",
    };
}
