using System.Text.Json;

namespace LsiWorkflow.Faults;

/// <summary>Small definitions the driver publishes through the designer's API, as a secretary would.</summary>
public static class FaultDefinitions
{
    /// <summary>One decision for UWV: two people deciding it at once must not both succeed.</summary>
    public const string Race = """
        {
          "schemaVersion": 1, "id": "storingsproef-race", "name": "Storingsproef: gelijktijdig besluiten", "version": 1, "variables": [],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "decide", "type": "HumanTask", "properties": { "title": "Besluit", "assignee": { "organisations": ["UWV"] }, "outcomes": ["Goedkeuren", "Afwijzen"] } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "target": "decide" },
            { "source": "decide", "outcome": "Goedkeuren", "target": "end" },
            { "source": "decide", "outcome": "Afwijzen", "target": "end" }
          ]
        }
        """;

    /// <summary>The organisations of the demo partners: one approval task each, decided at once.</summary>
    public static readonly string[] Partners = ["NLA", "IND", "BD", "DT", "UWV", "SVB", "GEM-ROTTERDAM", "VNG"];

    /// <summary>
    /// A delay of seconds, then an approval task per partner organisation with a reminder and a due date seconds
    /// away, then a notification: timers and reminders fall due while the run goes on.
    /// </summary>
    public static string Timed(int delaySeconds, int dueSeconds, int remindBeforeSeconds) => $$"""
        {
          "schemaVersion": 1, "id": "storingsproef-timers", "name": "Storingsproef: termijnen op twee knooppunten", "version": 1, "variables": [],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "wait", "type": "Delay", "properties": { "duration": "PT{{delaySeconds}}S" } },
            { "id": "approve", "type": "HumanTask", "properties": {
                "title": "Akkoord", "assignee": { "organisations": [{{string.Join(", ", Partners.Select(p => $"\"{p}\""))}}] },
                "completion": "all", "outcomes": ["Akkoord", "Niet akkoord"], "dueIn": "PT{{dueSeconds}}S", "reminders": ["PT{{remindBeforeSeconds}}S"] } },
            { "id": "note", "type": "SendNotification", "properties": { "users": ["secretaris"], "subject": "Alle partners hebben besloten", "body": "Alle partners hebben besloten." } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "target": "wait" },
            { "source": "wait", "target": "approve" },
            { "source": "approve", "outcome": "Akkoord", "target": "note" },
            { "source": "approve", "outcome": "Niet akkoord", "target": "note" },
            { "source": "note", "target": "end" }
          ]
        }
        """;

    /// <summary>Saves the definition as a draft and publishes it, as the secretary.</summary>
    public static async Task PublishAsync(LsiApi api, string json)
    {
        using var document = JsonDocument.Parse(json);
        var saved = await api.PutAsync(ProjectApprovalDriver.Secretary, "/api/workflows/drafts", new { definition = document.RootElement, rowVersion = (uint?)null });
        if (!saved.Ok)
        {
            throw new StepFailedException($"saving the draft: {(int)saved.Status} {saved.Text}");
        }
        var id = saved.Body.GetProperty("definitionId").GetString();
        var published = await api.PostAsync(ProjectApprovalDriver.Secretary, $"/api/workflows/{id}/publish", null);
        if (!published.Ok)
        {
            throw new StepFailedException($"publishing: {(int)published.Status} {published.Text}");
        }
    }

    /// <summary>Starts an instance with an id of the driver's choosing.</summary>
    public static async Task StartAsync(LsiApi api, string definitionId, Guid instanceId, int node = 0)
    {
        var started = await api.PostAsync(ProjectApprovalDriver.Secretary, $"/api/instances/{definitionId}", new { instanceId }, node);
        if (!started.Ok)
        {
            throw new StepFailedException($"start: {(int)started.Status} {started.Text}");
        }
    }

    /// <summary>The tasks of an instance as the monitor shows them: (task id, activity, organisation, status).</summary>
    public static async Task<List<(Guid Id, string Activity, string? Organisation, string Status)>> TasksAsync(LsiApi api, Guid instanceId, int node = 0)
    {
        var instance = await api.GetAsync(ProjectApprovalDriver.Secretary, $"/api/instances/{instanceId}", node);
        if (!instance.Ok)
        {
            throw new StepFailedException($"instance {instanceId}: {(int)instance.Status} {instance.Text}");
        }
        return instance.Body.GetProperty("tasks").EnumerateArray()
            .Select(t => (t.GetProperty("id").GetGuid(), t.GetProperty("activityId").GetString()!,
                t.GetProperty("organisation").GetString(), t.GetProperty("status").GetString()!))
            .ToList();
    }
}
