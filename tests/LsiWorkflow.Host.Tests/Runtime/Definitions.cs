namespace LsiWorkflow.Host.Tests.Runtime;

/// <summary>Small definitions for runtime tests, written as the JSON a secretary would publish.</summary>
internal static class Definitions
{
    /// <summary>Start, one approval task per organisation (all must approve), decision, end.</summary>
    public static string Approval(string id, params string[] organisations) => $$"""
        {
          "schemaVersion": 1, "id": "{{id}}", "name": "Goedkeuring {{id}}", "version": 1,
          "variables": [ { "name": "approved", "type": "boolean", "default": false } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "approve", "type": "HumanTask", "properties": {
                "title": "Keur goed", "assignee": { "organisations": [{{string.Join(", ", organisations.Select(o => $"\"{o}\""))}}] },
                "completion": "all", "outcomes": ["Goedkeuren", "Afwijzen"], "dueIn": "P14D", "reminders": ["P7D", "P2D"], "escalateTo": "Secretariat" } },
            { "id": "decide", "type": "Decision", "properties": { "condition": "activities.approve.outcome == \"Goedkeuren\"" } },
            { "id": "yes", "type": "SetVariable", "properties": { "variable": "approved", "value": true } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "target": "approve" },
            { "source": "approve", "outcome": "Goedkeuren", "target": "decide" },
            { "source": "approve", "outcome": "Afwijzen", "target": "decide" },
            { "source": "decide", "outcome": "True", "target": "yes" },
            { "source": "yes", "target": "end" },
            { "source": "decide", "outcome": "False", "target": "end" }
          ]
        }
        """;

    public static string Delayed(string id, string duration) => $$"""
        {
          "schemaVersion": 1, "id": "{{id}}", "name": "Wacht {{id}}", "version": 1, "variables": [],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "wait", "type": "Delay", "properties": { "duration": "{{duration}}" } },
            { "id": "note", "type": "SendNotification", "properties": { "users": ["secretaris"], "subject": "Wachttijd voorbij", "body": "De wachttijd van {{id}} is voorbij." } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "target": "wait" },
            { "source": "wait", "target": "note" },
            { "source": "note", "target": "end" }
          ]
        }
        """;

    public static string WaitsForEvent(string id) => $$"""
        {
          "schemaVersion": 1, "id": "{{id}}", "name": "Gebeurtenis {{id}}", "version": 1, "variables": [],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "wait", "type": "WaitForEvent", "properties": { "eventName": "DpiaCompleted", "correlationKey": "\"joint-area-based\"" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [ { "source": "start", "target": "wait" }, { "source": "wait", "target": "end" } ]
        }
        """;

    public static string Recurring(string id, string every, string from) => $$"""
        {
          "schemaVersion": 1, "id": "{{id}}", "name": "Terugkerend {{id}}", "version": 1, "variables": [],
          "activities": [
            { "id": "timer", "type": "TimerStart", "properties": { "every": "{{every}}", "from": "{{from}}" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [ { "source": "timer", "target": "end" } ]
        }
        """;

    public static string Parent(string id, string childId) => $$"""
        {
          "schemaVersion": 1, "id": "{{id}}", "name": "Ouder {{id}}", "version": 1, "variables": [],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "child", "type": "StartWorkflow", "properties": { "workflowId": "{{childId}}", "waitForCompletion": true } },
            { "id": "end", "type": "End" }
          ],
          "connections": [ { "source": "start", "target": "child" }, { "source": "child", "target": "end" } ]
        }
        """;

    public static string Failing(string id) => $$"""
        {
          "schemaVersion": 1, "id": "{{id}}", "name": "Fout {{id}}", "version": 1,
          "variables": [ { "name": "x", "type": "number", "default": 0 } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "boom", "type": "SetVariable", "properties": { "variable": "x", "value": { "expr": "1 / input.divisor" } } },
            { "id": "end", "type": "End" }
          ],
          "connections": [ { "source": "start", "target": "boom" }, { "source": "boom", "target": "end" } ]
        }
        """;
}
