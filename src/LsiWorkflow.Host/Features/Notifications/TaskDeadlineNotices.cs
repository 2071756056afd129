using System.Text.Json;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Runtime.Outbox;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Scriban.Runtime;

namespace LsiWorkflow.Host.Features.Notifications;

/// <summary>
/// Reminds the people a task is assigned to before and on its due date, and tells the escalation target
/// (steering-group member or secretariat) once it is overdue. A fired deadline leaves a small outbox message;
/// its text is rendered when it is dispatched, from the notification templates in each reader's language.
/// A task closed before its deadline fired got no message (the timer job joins on open tasks).
/// </summary>
public sealed class TaskDeadlineNotifier(NotificationTemplates templates, MailOptions options) : INoticeSource
{
    public const string OutboxKind = "task-deadline";

    private sealed record Payload(Guid TimerId, Guid TaskId, TaskDeadlineKind Deadline);

    // The timer job writes the payload in SQL, the deadline by its name.
    private static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public string Kind => OutboxKind;

    /// <summary>The outbox message a fired deadline leaves (as the timer job writes it); its id is the timer's, so firing twice cannot add a second.</summary>
    public static OutboxMessage Fired(Guid timerId, Guid taskId, Guid instanceId, TaskDeadlineKind deadline, DateTimeOffset now) => new()
    {
        Id = timerId,
        Kind = OutboxKind,
        InstanceId = instanceId,
        Payload = JsonSerializer.Serialize(new Payload(timerId, taskId, deadline), Json),
        CreatedAt = now,
    };

    public async Task<IReadOnlyDictionary<Guid, Notice>> NoticesAsync(DbContext db, IReadOnlyList<OutboxMessage> messages, CancellationToken ct)
    {
        var payloads = messages.ToDictionary(m => m.Id, m => JsonSerializer.Deserialize<Payload>(m.Payload, Json)!);
        var taskIds = payloads.Values.Select(p => p.TaskId).Distinct().ToList();
        var tasks = await db.Set<TaskRecord>().AsNoTracking()
            .Where(t => taskIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, ct);
        var definitionIds = tasks.Values.Select(t => t.DefinitionId).Distinct().ToList();
        var names = (await db.Set<DefinitionRecord>().AsNoTracking()
                .Where(d => definitionIds.Contains(d.DefinitionId) && d.Status != DefinitionStatus.Draft)
                .Select(d => new { d.DefinitionId, d.Version, d.Name }).ToListAsync(ct))
            .GroupBy(d => d.DefinitionId).ToDictionary(g => g.Key, g => g.MaxBy(d => d.Version)!.Name);
        var notices = new Dictionary<Guid, Notice>();
        foreach (var (messageId, payload) in payloads)
        {
            if (tasks.TryGetValue(payload.TaskId, out var task))
            {
                notices[messageId] = Notice(payload.TimerId, payload.Deadline, task, names.GetValueOrDefault(task.DefinitionId, task.DefinitionId));
            }
        }
        return notices;
    }

    private Notice Notice(Guid id, TaskDeadlineKind deadline, TaskRecord task, string workflowName)
    {
        var template = deadline switch
        {
            TaskDeadlineKind.Escalation => NotificationTemplates.TaskEscalation,
            TaskDeadlineKind.Due => NotificationTemplates.TaskDue,
            _ => NotificationTemplates.TaskReminder,
        };
        RenderedNotification Text(string language) => templates.Render(template, language, Model(task, workflowName, language, options.PublicBaseUrl));
        return deadline == TaskDeadlineKind.Escalation
            ? new Notice(id, [], [EscalationRole(task.EscalateTo)], [], Text)
            : new Notice(
                id,
                task.AssigneeUser is null && task.Organisation is { } organisation ? [organisation] : [],
                task.AssigneeUser is null && task.Organisation is null && task.Role is { } role ? [role] : [],
                task.AssigneeUser is { } user ? [user] : [],
                Text);
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
