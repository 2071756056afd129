using System.Globalization;
using System.Text.Json;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Host.Identity;
using LsiWorkflow.Host.Persistence;
using LsiWorkflow.Host.Workflows.Persistence;
using LsiWorkflow.Host.Workflows.Runtime;

namespace LsiWorkflow.Host.Workflows.Scheduling;

/// <summary>
/// Reminds the people a task is assigned to before and on its due date, and tells the escalation target
/// (steering-group member or secretariat) once it is overdue. The mail goes through the outbox.
/// </summary>
public sealed class TaskDeadlineNotifier(TimeProvider time) : ITaskDeadlineHandler
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public Task<IReadOnlyList<Guid>> HandleAsync(LsiDbContext db, TimerRecord timer, TaskRecord task, CancellationToken ct)
    {
        var due = task.DueAt?.ToString("dddd d MMMM yyyy", Dutch) ?? "onbekend";
        var notification = timer.TaskDeadline switch
        {
            TaskDeadlineKind.Escalation => new NotificationRequested(
                timer.Id, [], [EscalationRole(task.EscalateTo)], [],
                $"Escalatie: taak '{task.Title}' is te laat",
                $"De taak '{task.Title}' voor {task.Organisation ?? task.AssigneeUser ?? task.Role} had op {due} afgerond moeten zijn en staat nog open."),
            TaskDeadlineKind.Due => Assignees(timer.Id, task,
                $"Vandaag: taak '{task.Title}'",
                $"De taak '{task.Title}' moet vandaag ({due}) worden afgerond."),
            _ => Assignees(timer.Id, task,
                $"Herinnering: taak '{task.Title}'",
                $"De taak '{task.Title}' moet uiterlijk {due} worden afgerond."),
        };
        var message = new OutboxMessage
        {
            Id = Guid.NewGuid(),
            Kind = OutboxKinds.Notification,
            InstanceId = task.InstanceId,
            Payload = JsonSerializer.Serialize<WorkflowEffect>(notification, WorkflowRuntime.Json),
            CreatedAt = time.GetUtcNow(),
        };
        db.Add(message);
        return Task.FromResult<IReadOnlyList<Guid>>([message.Id]);
    }

    private static NotificationRequested Assignees(Guid id, TaskRecord task, string subject, string body) => new(
        id,
        task.AssigneeUser is null && task.Organisation is { } organisation ? [organisation] : [],
        task.AssigneeUser is null && task.Organisation is null && task.Role is { } role ? [role] : [],
        task.AssigneeUser is { } user ? [user] : [],
        subject,
        body);

    /// <summary>Definitions name the target in words of the organisation; people hold roles.</summary>
    private static string EscalationRole(string? escalateTo) => escalateTo switch
    {
        "SteeringGroupMember" or "Stuurgroep" => Roles.SteeringGroupMember,
        _ => Roles.Secretary,
    };
}
