using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LsiWorkflow.Host.Features.Notifications;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Tests.Infrastructure;
using LsiWorkflow.Runtime.Persistence;
namespace LsiWorkflow.Host.Tests.Security;

/// <summary>
/// Expressions that pass the parser but misbehave when they run: in a running workflow each becomes an incident on
/// its instance, within the time bound, and the host carries on serving.
/// </summary>
public sealed class HostileExpressionWorkflowTests(HostFixture host) : HostTest(host)
{
    [Theory]
    [InlineData("x = 0; while true; x = x + 1; end; x")]
    [InlineData("func f(n); ret f(n + 1); end; f(0)")]
    [InlineData("'x' | string.pad_left 10000000")]
    [InlineData("s = 'xxxxxxxx'; for i in 1..40; s = s + s; end; s")]
    [InlineData("regex.match 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' '^(a+)+$'")]
    [InlineData("1..1000000")]
    public async Task A_runaway_expression_in_a_running_workflow_becomes_an_incident_not_a_crash(string attack)
    {
        await Host.CreateUserAsync("secretaris", "SZW", Roles.Secretary);
        var definition = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["id"] = "hostile-expression",
            ["name"] = "Vijandige expressie",
            ["version"] = 1,
            ["variables"] = new JsonArray(new JsonObject { ["name"] = "result", ["type"] = "string" }),
            ["activities"] = new JsonArray(
                new JsonObject { ["id"] = "start", ["type"] = "Start", ["position"] = new JsonObject { ["x"] = 0, ["y"] = 0 } },
                new JsonObject
                {
                    ["id"] = "attack",
                    ["type"] = "SetVariable",
                    ["position"] = new JsonObject { ["x"] = 200, ["y"] = 0 },
                    ["properties"] = new JsonObject { ["variable"] = "result", ["value"] = new JsonObject { ["expr"] = attack } },
                },
                new JsonObject { ["id"] = "end", ["type"] = "End", ["position"] = new JsonObject { ["x"] = 400, ["y"] = 0 } }),
            ["connections"] = new JsonArray(
                new JsonObject { ["source"] = "start", ["target"] = "attack" },
                new JsonObject { ["source"] = "attack", ["target"] = "end" }),
        };
        using var secretary = await Host.ClientForAsync("secretaris");
        Assert.Equal(HttpStatusCode.OK, (await secretary.PutAsJsonAsync("/api/workflows/drafts", new { definition })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await secretary.PostAsync("/api/workflows/hostile-expression/publish", null)).StatusCode);
        var watch = Stopwatch.StartNew();

        using var started = await secretary.PostAsJsonAsync("/api/instances/hostile-expression", new { });

        Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        var instanceId = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("instanceId").GetGuid();
        var instance = JsonDocument.Parse(await secretary.GetStringAsync($"/api/instances/{instanceId}")).RootElement;
        var incident = Assert.Single(instance.GetProperty("incidents").EnumerateArray());
        Assert.Equal("attack", incident.GetProperty("activityId").GetString());
        Assert.False(string.IsNullOrWhiteSpace(incident.GetProperty("message").GetString()));
        Assert.DoesNotContain("System.", instance.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await secretary.GetAsync("/health/ready")).StatusCode);
    }

    /// <summary>Data that looks like a template stays data in a notification: the shipped templates never render what they are given.</summary>
    [Theory]
    [InlineData("{{ while true }}{{ end }}")]
    [InlineData("{{ include 'appsettings.json' }}")]
    [InlineData("<script>alert(1)</script>")]
    public void Template_code_in_a_task_title_is_printed_not_run(string title)
    {
        var task = new TaskRecord
        {
            Id = Guid.NewGuid(),
            InstanceId = Guid.NewGuid(),
            ActivityId = "approve",
            DefinitionId = "project-approval",
            Title = title,
            Organisation = "UWV",
            Outcomes = "[]",
            CommentRequiredFor = "[]",
            FormFields = "[]",
            DueAt = LsiHostFactory.Start,
            Priority = "normal",
        };
        var templates = new NotificationTemplates();
        foreach (var name in NotificationTemplates.Names)
        {
            var rendered = templates.Render(name, "nl", TaskDeadlineNotifier.Model(task, title, "nl", "https://lsi.example"));

            Assert.Contains(title, rendered.Subject + rendered.Body, StringComparison.Ordinal);
        }
    }
}
