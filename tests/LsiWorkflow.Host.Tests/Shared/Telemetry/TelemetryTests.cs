using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Instances;
using LsiWorkflow.Host.Tests.Features.Designer;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Telemetry;
using LsiWorkflow.Host.Tests.Infrastructure;
using LsiWorkflow.Host.Tests.Runtime;
using LsiWorkflow.Runtime.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using TaskStatus = LsiWorkflow.Runtime.Persistence.TaskStatus;

namespace LsiWorkflow.Host.Tests.Shared.Telemetry;

/// <summary>
/// The product's figures as Prometheus reads them, after a short load that gives each of them something to count,
/// and the trace of a task decision from the request down to its SQL.
/// </summary>
public sealed class TelemetryTests(HostFixture host) : DomainTest(host)
{
    private const string Admin = "beheer";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Host.CreateUserAsync(Admin, Organisations.Szw, Roles.Admin);
        await Host.CreateUserAsync("partner.svb", Organisations.Svb, Roles.Partner);
    }

    [Fact]
    public async Task Prometheus_finds_each_of_the_products_figures_with_plausible_values()
    {
        await Host.PublishAsync(Definitions.Approval("telemetrie", Organisations.Uwv, Organisations.Svb));
        var decided = await Host.StartAsync("telemetrie");
        var waiting = await Host.StartAsync("telemetrie");
        await DecideAsync(PartnerUwv, (await Host.TasksAsync(decided)).Single(t => t.Organisation == Organisations.Uwv).Id);
        await Host.PublishAsync(Definitions.Failing("fout"));
        await Host.SendAsync(new StartInstance("fout", null, new JsonObject { ["divisor"] = "nul" }, null, WorkflowKit.Secretary));

        // Fifteen days on: the tasks are overdue and their reminders due; the sweep is what fires them here.
        Host.Factory.Clock.Advance(TimeSpan.FromDays(15));
        await Host.InScopeAsync(async services =>
        {
            await services.GetRequiredService<SweepJob>().RunAsync(CancellationToken.None);
            return true;
        });
        var figures = Host.Factory.Services.GetRequiredService<OperationalFigures>();
        await figures.RefreshAsync(CancellationToken.None);

        var open = (await Host.TasksAsync(decided)).Concat(await Host.TasksAsync(waiting)).Count(t => t.Status == TaskStatus.Open);
        var metrics = await ScrapeAsync(Admin);

        Assert.Equal(3, open); // SVB's task of the first, both of the second
        Assert.Equal(open, Value(metrics, "lsi_tasks_open"));
        Assert.Equal(open, Value(metrics, "lsi_tasks_overdue"));
        Assert.Equal(1, Value(metrics, "lsi_instances_faulted"));
        Assert.True(Value(metrics, "lsi_outbox_backlog") >= 0);
        Assert.True(Value(metrics, "lsi_outbox_oldest_age_seconds") >= 0);
        // Reminders were due days before the sweep delivered them.
        Assert.True(Value(metrics, "lsi_reminder_lag_seconds") > TimeSpan.FromDays(1).TotalSeconds, Dump(metrics, "lsi_reminder_lag"));
        // Counters belong to the process, which other tests share: at least what this test did.
        Assert.True(Sum(metrics, "lsi_bursts_total") >= 4, Dump(metrics, "lsi_bursts"));
        Assert.True(Sum(metrics, "lsi_burst_duration_milliseconds_count") >= 4, Dump(metrics, "lsi_burst_duration"));
        Assert.True(Sum(metrics, "lsi_task_decisions_total") >= 1);
        Assert.True(Sum(metrics, "lsi_incidents_total") >= 1);
        Assert.True(Sum(metrics, "lsi_expression_faults_total") >= 1);
        Assert.True(Sum(metrics, "lsi_sweep_repairs_total") >= 1, Dump(metrics, "lsi_sweep"));
        // The dashboard in infra/grafana shows only figures that exist.
        var dashboard = await File.ReadAllTextAsync(Path.Combine(DefinitionCanvasTests.RepositoryRoot(), "infra", "grafana", "lsi-workflow.json"));
        foreach (var name in Regex.Matches(dashboard, "lsi_[a-z_]+").Select(m => m.Value).Distinct())
        {
            Assert.Contains(name, metrics, StringComparison.Ordinal);
        }
        // ASP.NET Core's and the runtime's own figures come along.
        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_admins_may_scrape()
    {
        using var anonymous = Host.CreateClient();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/metrics")).StatusCode);
        using var partner = await Host.ClientForAsync(PartnerUwv);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task A_task_decision_traces_its_sql_under_the_burst_under_the_use_case()
    {
        await Host.PublishAsync(Definitions.Approval("spoor", Organisations.Uwv));
        var instanceId = await Host.StartAsync("spoor");
        var task = Assert.Single(await Host.TasksAsync(instanceId));

        Host.Factory.Traces.Start();
        await DecideAsync(PartnerUwv, task.Id);
        var spans = Host.Factory.Traces.Stop();

        var useCase = Assert.Single(spans, s => s.Source.Name == "LsiWorkflow.UseCases" && s.DisplayName == "DecideTask");
        var burst = Assert.Single(spans, s => s.DisplayName == "burst task");
        Assert.Equal(useCase.SpanId, burst.ParentSpanId);
        var request = Assert.Single(spans, s => s.SpanId == useCase.ParentSpanId);
        Assert.Equal(ActivityKind.Server, request.Kind);
        var sql = spans.Where(s => s.Source.Name == "Npgsql" && s.ParentSpanId == burst.SpanId).ToList();
        Assert.True(sql.Count >= 3, $"SQL under the burst: {sql.Count}; spans: {string.Join(", ", spans.Select(s => $"{s.Source.Name}:{s.DisplayName}"))}");
        // One trace from the request down (other spans recorded meanwhile, such as background jobs, are traces of their own).
        Assert.All(sql.Append(burst).Append(useCase), s => Assert.Equal(request.TraceId, s.TraceId));
    }

    private async Task DecideAsync(string userName, Guid taskId)
    {
        using var client = await Host.ClientForAsync(userName);
        var response = await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Goedkeuren" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<string> ScrapeAsync(string userName)
    {
        using var client = await Host.ClientForAsync(userName);
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of a metric without labels (or its only series), from Prometheus' text format.</summary>
    private static double Value(string metrics, string name)
    {
        var values = Series(metrics, name).ToList();
        Assert.True(values.Count == 1, Dump(metrics, name));
        return values[0];
    }

    private static double Sum(string metrics, string name) => Series(metrics, name).Sum();

    private static IEnumerable<double> Series(string metrics, string name) =>
        metrics.Split('\n')
            .Where(line => line.StartsWith(name + " ", StringComparison.Ordinal) || line.StartsWith(name + "{", StringComparison.Ordinal))
            // name{labels} value [timestamp]
            .Select(line => line[(line.Contains('}', StringComparison.Ordinal) ? line.LastIndexOf('}') + 1 : name.Length)..])
            .Select(rest => double.Parse(rest.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture));

    private static string Dump(string metrics, string prefix) =>
        string.Join('\n', metrics.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)));
}
