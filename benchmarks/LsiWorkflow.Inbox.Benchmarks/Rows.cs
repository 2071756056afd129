using Npgsql;
using NpgsqlTypes;

namespace LsiWorkflow.Inbox.Benchmarks;

/// <summary>Bulk rows through binary COPY: a million tasks load in seconds, not minutes.</summary>
internal static class Rows
{
    public static readonly string[] Organisations = ["UWV", "SVB", "IND", "NLA", "BD", "DT", "ROTTERDAM", "VNG", "SZW", "AMSTERDAM"];

    public static async Task CopyInstancesAsync(NpgsqlConnection connection, IReadOnlyList<Guid> ids, DateTimeOffset now)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "copy lsi.workflow_instances (id, definition_id, definition_version, status, state, created_at, updated_at) from stdin (format binary)");
        foreach (var id in ids)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(id, NpgsqlDbType.Uuid);
            await writer.WriteAsync("project-approval", NpgsqlDbType.Varchar);
            await writer.WriteAsync(1, NpgsqlDbType.Integer);
            await writer.WriteAsync("Waiting", NpgsqlDbType.Varchar);
            await writer.WriteAsync("{}", NpgsqlDbType.Jsonb);
            await writer.WriteAsync(now.UtcDateTime, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(now.UtcDateTime, NpgsqlDbType.TimestampTz);
        }
        await writer.CompleteAsync();
    }

    /// <summary>Tasks of the approval workflow; each row says whether it is still open.</summary>
    public static async Task CopyTasksAsync(NpgsqlConnection connection, IEnumerable<(Guid Id, Guid InstanceId, string Organisation, bool Open, DateTimeOffset DueAt)> tasks, DateTimeOffset now)
    {
        await using var writer = await connection.BeginBinaryImportAsync("""
            copy lsi.workflow_tasks (id, instance_id, bookmark_id, activity_id, definition_id, title, organisation, role,
                outcomes, comment_required_for, form_fields, due_at, escalate_to, priority, status, created_at, closed_at, completed_by, outcome)
            from stdin (format binary)
            """);
        foreach (var task in tasks)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(task.Id, NpgsqlDbType.Uuid);
            await writer.WriteAsync(task.InstanceId, NpgsqlDbType.Uuid);
            await writer.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
            await writer.WriteAsync("approve", NpgsqlDbType.Varchar);
            await writer.WriteAsync("project-approval", NpgsqlDbType.Varchar);
            await writer.WriteAsync("Keur project goed", NpgsqlDbType.Varchar);
            await writer.WriteAsync(task.Organisation, NpgsqlDbType.Varchar);
            await writer.WriteAsync("Partner", NpgsqlDbType.Varchar);
            await writer.WriteAsync("[\"Goedkeuren\",\"Afwijzen\"]", NpgsqlDbType.Jsonb);
            await writer.WriteAsync("[\"Afwijzen\"]", NpgsqlDbType.Jsonb);
            await writer.WriteAsync("[]", NpgsqlDbType.Jsonb);
            await writer.WriteAsync(task.DueAt.UtcDateTime, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync("Secretariat", NpgsqlDbType.Varchar);
            await writer.WriteAsync("normal", NpgsqlDbType.Varchar);
            await writer.WriteAsync(task.Open ? "Open" : "Completed", NpgsqlDbType.Varchar);
            await writer.WriteAsync(now.UtcDateTime, NpgsqlDbType.TimestampTz);
            if (task.Open)
            {
                await writer.WriteNullAsync();
                await writer.WriteNullAsync();
                await writer.WriteNullAsync();
            }
            else
            {
                await writer.WriteAsync(now.UtcDateTime, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync("iemand", NpgsqlDbType.Varchar);
                await writer.WriteAsync("Goedkeuren", NpgsqlDbType.Varchar);
            }
        }
        await writer.CompleteAsync();
    }

    public static async Task CopyReminderTimersAsync(NpgsqlConnection connection, IEnumerable<Guid> taskIds, DateTimeOffset dueAt, DateTimeOffset now)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "copy lsi.workflow_timers (id, task_id, task_deadline, due_at, status, created_at) from stdin (format binary)");
        foreach (var taskId in taskIds)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
            await writer.WriteAsync(taskId, NpgsqlDbType.Uuid);
            await writer.WriteAsync("Reminder", NpgsqlDbType.Varchar);
            await writer.WriteAsync(dueAt.UtcDateTime, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync("Pending", NpgsqlDbType.Varchar);
            await writer.WriteAsync(now.UtcDateTime, NpgsqlDbType.TimestampTz);
        }
        await writer.CompleteAsync();
    }
}
