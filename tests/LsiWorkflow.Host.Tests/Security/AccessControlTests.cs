using System.Net.Http.Json;
using LsiWorkflow.Host.Tests.Features.Designer;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LsiWorkflow.Host.Tests.Security;

/// <summary>
/// Walks every endpoint and page of the running host for every caller of <c>access-control.csv</c> and holds
/// the answers against the table: nothing beyond the table is allowed, what it allows works, and every
/// allowed change to the domain is in the audit trail under the caller's name.
/// </summary>
public sealed class AccessControlTests(HostFixture host, ITestOutputHelper output) : HostTest(host)
{
    private sealed record Row(string Method, string Route, IReadOnlyDictionary<string, bool> Allowed, bool Works, bool Audited)
    {
        public string Key => $"{Method} {Route}";
    }

    private static IReadOnlyList<Row> Table()
    {
        var lines = File.ReadAllLines(Path.Combine(DefinitionCanvasTests.RepositoryRoot(), "tests", "LsiWorkflow.Host.Tests", "Security", "access-control.csv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var header = lines[0].Split(';');
        return [.. lines.Skip(1).Select(line =>
        {
            var cells = line.Split(';');
            Assert.True(cells.Length == header.Length, $"Row '{line}' has {cells.Length} cells, the header {header.Length}.");
            var allowed = SecurityWorld.Callers.ToDictionary(c => c.Caller, c => cells[Array.IndexOf(header, c.Caller)] == "Y");
            return new Row(cells[0], cells[1], allowed, cells[^2] == "Y", cells[^1] == "Y");
        })];
    }

    /// <summary>The endpoints the host maps, as "METHOD pattern"; static files are served to everyone and are not listed.</summary>
    private IReadOnlyList<string> MappedEndpoints()
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in Host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            if (IsFrameworkPlumbing(endpoint, pattern))
            {
                continue;
            }
            var route = pattern.StartsWith('/') ? pattern : "/" + pattern;
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];
            // A page answers GET (and POST for its forms); the table lists it under GET.
            if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            {
                methods = ["GET"];
            }
            foreach (var method in methods.Where(m => m != "HEAD"))
            {
                keys.Add($"{method} {route}");
            }
        }
        return [.. keys];
    }

    /// <summary>Files (static assets, the framework's scripts) and the Blazor circuit's hub, which checks the sign-in itself.</summary>
    private static bool IsFrameworkPlumbing(RouteEndpoint endpoint, string pattern) =>
        pattern.Contains(":file}", StringComparison.Ordinal) ||
        pattern.StartsWith("_blazor", StringComparison.Ordinal) || pattern.StartsWith("/_blazor", StringComparison.Ordinal)
        || pattern.StartsWith("_framework", StringComparison.Ordinal) || pattern.StartsWith("/_framework", StringComparison.Ordinal)
        || (!pattern.Contains('{', StringComparison.Ordinal) && Path.HasExtension(pattern) && endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is null
            && !pattern.Contains("api/", StringComparison.Ordinal));

    [Fact]
    public void Every_endpoint_of_the_host_has_a_row_in_the_access_table_and_every_row_an_endpoint()
    {
        var mapped = MappedEndpoints();
        var listed = Table().Select(r => r.Key).ToList();

        Assert.Empty(listed.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key));
        var missing = mapped.Except(listed).ToList();
        var stale = listed.Except(mapped).ToList();
        Assert.True(missing.Count == 0 && stale.Count == 0,
            $"Endpoints without a row: {string.Join(" | ", missing)}\nRows without an endpoint: {string.Join(" | ", stale)}");
    }

    [Fact]
    public async Task Every_caller_gets_exactly_what_the_access_table_allows_and_changes_are_audited_with_their_actor()
    {
        var world = await SecurityWorld.CreateAsync(Host);
        var requests = Requests(world);
        var clients = new Dictionary<string, HttpClient>();
        foreach (var (caller, userName, _, _) in SecurityWorld.Callers)
        {
            clients[caller] = userName is null ? Host.CreateClient() : await Host.ClientForAsync(userName);
        }
        var failures = new List<string>();
        var calls = 0;
        try
        {
            foreach (var row in Table())
            {
                if (!requests.TryGetValue(row.Key, out var request))
                {
                    failures.Add($"{row.Key}: no sample request in the test");
                    continue;
                }
                var worked = false;
                // Refused callers first, so an allowed change cannot make a refusal look like a state conflict.
                foreach (var (caller, userName, _, _) in SecurityWorld.Callers.OrderBy(c => row.Allowed[c.Caller]))
                {
                    var auditBefore = userName is null ? 0 : await SecurityWorld.AuditCountAsync(Host, userName);
                    using var message = new HttpRequestMessage(new HttpMethod(row.Method == "*" ? "GET" : row.Method), request.Url);
                    if (request.Body is not null)
                    {
                        // A body may depend on the caller, so a change allowed to several callers is a real change each time.
                        message.Content = JsonContent.Create(request.Body is Func<string, object> perCaller ? perCaller(caller) : request.Body);
                    }
                    using var response = await clients[caller].SendAsync(message);
                    calls++;
                    var body = await response.Content.ReadAsStringAsync();
                    var status = (int)response.StatusCode;
                    var what = $"{row.Key} as {caller}: {status} {Shorten(body)}";
                    output.WriteLine(what);
                    if (status >= 500)
                    {
                        failures.Add($"server error — {what}");
                    }
                    else if (row.Allowed[caller])
                    {
                        if (SecurityWorld.IsRefusal(response))
                        {
                            failures.Add($"allowed but refused — {what}");
                        }
                        if (status < 400)
                        {
                            worked = true;
                            if (row.Audited && userName is not null && await SecurityWorld.AuditCountAsync(Host, userName) <= auditBefore)
                            {
                                failures.Add($"change without an audit entry naming {userName} — {what}");
                            }
                        }
                    }
                    else if (!SecurityWorld.IsDenied(response) && !IsPageWithoutTheResource(row, body))
                    {
                        failures.Add($"denied by the table but answered — {what}");
                    }
                    if (!MaySeeTheTask(caller) && row.Route != "/calendar/{token}.ics" && body.Contains(SecurityWorld.TaskTitle, StringComparison.Ordinal))
                    {
                        failures.Add($"shows UWV's task to {caller} — {row.Key}");
                    }
                }
                if (row.Works && !worked)
                {
                    failures.Add($"{row.Key}: no allowed caller succeeded");
                }
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
        output.WriteLine($"{calls} calls");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>
    /// A page of someone else's task is a page all partners may open; it answers with a refusal and shows nothing of
    /// the task. The walk accepts that only for pages, never for the API.
    /// </summary>
    private static bool IsPageWithoutTheResource(Row row, string body) =>
        !row.Route.StartsWith("/api", StringComparison.Ordinal) && row.Route.StartsWith("/tasks/", StringComparison.Ordinal)
        && !body.Contains(SecurityWorld.TaskTitle, StringComparison.Ordinal);

    private static bool MaySeeTheTask(string caller) => caller is "Secretary" or "Partner" or "Admin";

    private static string Shorten(string body)
    {
        var flat = body.ReplaceLineEndings(" ");
        return flat.Length <= 160 ? flat : flat[..160] + "…";
    }

    private sealed record Sample(string Url, object? Body = null);

    private static Dictionary<string, Sample> Requests(SecurityWorld w)
    {
        var project = $"/api/projects/{w.ProjectId}";
        var dpia = $"/api/dpias/{w.DpiaId}";
        var task = $"/api/tasks/{w.TaskId}";
        var draft = SecurityWorld.ApprovalDefinition();
        draft["id"] = "acl-draft";
        return new(StringComparer.Ordinal)
        {
            ["* /health/live"] = new("/health/live"),
            ["* /health/ready"] = new("/health/ready"),
            ["POST /api/auth/token"] = new("/api/auth/token", new { userName = "partner.uwv", password = HostFixture.Password }),
            ["GET /api/me"] = new("/api/me"),
            ["GET /culture/set"] = new("/culture/set?culture=en&redirectUri=/"),
            ["GET /account/external-login"] = new("/account/external-login?returnUrl=/"),
            ["GET /account/external-callback"] = new("/account/external-callback?returnUrl=/"),
            ["GET /openapi/{documentName}.json"] = new("/openapi/v1.json"),
            ["* /hangfire/{**path}"] = new("/hangfire"),
            ["* /metrics"] = new("/metrics"),
            ["GET /api/admin/personal-data/{userName}"] = new("/api/admin/personal-data/partner.uwv"),
            ["GET /api/projects/"] = new("/api/projects"),
            ["GET /api/projects/{id:guid}"] = new(project),
            ["GET /api/projects/{id:guid}/audit.csv"] = new($"{project}/audit.csv"),
            ["GET /api/dpias/"] = new("/api/dpias"),
            ["GET /api/dpias/{id:guid}"] = new(dpia),
            ["GET /api/commitments/"] = new("/api/commitments"),
            ["GET /api/milestones/"] = new("/api/milestones"),
            ["GET /api/covenant/"] = new("/api/covenant"),
            ["GET /api/evaluations/latest"] = new("/api/evaluations/latest"),
            ["GET /api/evaluations/{id:guid}"] = new($"/api/evaluations/{w.EvaluationId}"),
            ["GET /api/plan/"] = new("/api/plan"),
            ["GET /api/plan/{id:guid}"] = new($"/api/plan/{w.PlanId}"),
            ["GET /api/publications/"] = new("/api/publications"),
            ["GET /api/publications/{id:guid}/document"] = new($"/api/publications/{w.PublicationId}/document"),
            ["GET /api/exports/milestones.csv"] = new("/api/exports/milestones.csv"),
            ["GET /api/exports/agenda.csv"] = new("/api/exports/agenda.csv"),
            ["GET /api/exports/commitments.csv"] = new("/api/exports/commitments.csv"),
            ["GET /api/exports/recommendations.csv"] = new("/api/exports/recommendations.csv"),
            ["GET /api/exports/projects.csv"] = new("/api/exports/projects.csv"),
            ["GET /api/reports/progress"] = new("/api/reports/progress"),
            ["GET /api/workflows/activity-types"] = new("/api/workflows/activity-types"),
            ["POST /api/workflows/validate"] = new("/api/workflows/validate", draft),
            ["GET /api/workflows/"] = new("/api/workflows"),
            ["GET /api/workflows/{definitionId}"] = new($"/api/workflows/{SecurityWorld.DefinitionId}"),
            ["GET /api/instances/"] = new("/api/instances"),
            ["GET /api/instances/{instanceId:guid}"] = new($"/api/instances/{w.InstanceId}"),
            ["GET /api/tasks/"] = new("/api/tasks"),
            ["GET /api/tasks/{taskId:guid}"] = new(task),
            ["GET /api/tasks/{taskId:guid}/page"] = new($"{task}/page"),
            ["GET /api/inbox/views"] = new("/api/inbox/views"),
            ["GET /api/notifications/"] = new("/api/notifications"),
            ["GET /api/notifications/unread-count"] = new("/api/notifications/unread-count"),
            ["GET /api/notifications/settings"] = new("/api/notifications/settings"),
            ["GET /calendar/{token}.ics"] = new($"/calendar/{w.CalendarToken}.ics"),
            ["GET /api/calendar/"] = new("/api/calendar"),
            ["GET /"] = new("/"),
            ["GET /account/login"] = new("/account/login"),
            ["GET /account/access-denied"] = new("/account/access-denied"),
            ["GET /error"] = new("/error"),
            ["GET /not-found"] = new("/not-found"),
            ["GET /publicaties"] = new("/publicaties"),
            ["GET /designer"] = new("/designer"),
            ["GET /designer/{DefinitionId}"] = new($"/designer/{SecurityWorld.DefinitionId}"),
            ["GET /designer/{DefinitionId}/versions"] = new($"/designer/{SecurityWorld.DefinitionId}/versions"),
            ["GET /instances"] = new("/instances"),
            ["GET /instances/start"] = new("/instances/start"),
            ["GET /instances/{InstanceId:guid}"] = new($"/instances/{w.InstanceId}"),
            ["GET /milestones"] = new("/milestones"),
            ["GET /commitments"] = new("/commitments"),
            ["GET /recommendations"] = new("/recommendations"),
            ["GET /projects"] = new("/projects"),
            ["GET /projects/new"] = new("/projects/new"),
            ["GET /projects/{ProjectId:guid}"] = new($"/projects/{w.ProjectId}"),
            ["GET /progress"] = new("/progress"),
            ["GET /notifications"] = new("/notifications"),
            ["GET /tasks"] = new("/tasks"),
            ["GET /tasks/{TaskId:guid}"] = new($"/tasks/{w.TaskId}"),
            ["POST /api/projects/"] = new("/api/projects", new { name = "Nieuw project", kind = "PhenomenonBased" }),
            ["POST /api/projects/running"] = new("/api/projects/running", new { name = "Lopend project", kind = "PhenomenonBased", startedOn = "2022-03-01" }),
            ["POST /api/projects/{id:guid}/participants"] = new($"{project}/participants", new { organisation = "UWV", sharesData = false }),
            ["POST /api/projects/{id:guid}/adopt"] = new($"{project}/adopt", new { reason = "Past in het plan" }),
            ["PUT /api/projects/{id:guid}/privacy-protocol"] = new($"{project}/privacy-protocol", (Func<string, object>)(caller => new { reference = $"Modelprivacyprotocol LSI v2 ({caller})" })),
            ["POST /api/projects/{id:guid}/approve"] = new($"{project}/approve", new { }),
            ["POST /api/projects/{id:guid}/start"] = new($"{project}/start", new { }),
            ["POST /api/projects/{id:guid}/close"] = new($"{project}/close", new { }),
            ["POST /api/projects/{id:guid}/reject"] = new($"{project}/reject", new { reason = "Toegangstoets" }),
            ["POST /api/dpias/"] = new("/api/dpias", new { kind = "ProjectFormat", title = "Nog een DPIA", projectId = w.SpareProjectId }),
            ["POST /api/dpias/{id:guid}/submit"] = new($"{dpia}/submit", new { }),
            ["POST /api/dpias/{id:guid}/approve"] = new($"{dpia}/approve", new { }),
            ["POST /api/dpias/{id:guid}/adopt"] = new($"{dpia}/adopt", new { }),
            ["POST /api/dpias/{id:guid}/send-to-parliament"] = new($"{dpia}/send-to-parliament", new { }),
            ["PUT /api/commitments/{id:guid}/due-on"] = new($"/api/commitments/{SecurityWorld.Seeded("commitment:joint-dpia")}/due-on", new { dueOn = "2027-06-30", reason = "Later" }),
            ["PUT /api/milestones/{id:guid}/planned-on"] = new($"/api/milestones/{SecurityWorld.Seeded("milestone:progress-report:2024")}/planned-on", new { plannedOn = "2027-06-30", reason = "Later" }),
            ["POST /api/commitments/{id:guid}/fulfil"] = new($"/api/commitments/{SecurityWorld.Seeded("commitment:joint-dpia")}/fulfil", new { result = "Naar de Kamer gestuurd", documentReference = "Kamerstuk 17050-600" }),
            ["POST /api/milestones/{id:guid}/reached"] = new($"/api/milestones/{SecurityWorld.Seeded("milestone:progress-report:2024")}/reached", new { }),
            ["PUT /api/evaluations/{id:guid}/actions/{actionId:guid}"] = new($"/api/evaluations/{w.EvaluationId}/actions/{w.ActionId}", new { status = "Done", decision = "Uitgevoerd" }),
            ["POST /api/publications/"] = new("/api/publications", new { title = "Nieuwe publicatie", kind = "Kamerbrief" }),
            ["POST /api/publications/{id:guid}/withdraw"] = new($"/api/publications/{w.PublicationId}/withdraw", new { reason = "Vervangen" }),
            ["PUT /api/workflows/drafts"] = new("/api/workflows/drafts", new { definition = draft }),
            ["POST /api/workflows/{definitionId}/publish"] = new("/api/workflows/acl-draft/publish"),
            ["POST /api/workflows/{definitionId}/versions/{version:int}/retract"] = new("/api/workflows/acl-draft/versions/1/retract"),
            ["POST /api/instances/{definitionId}"] = new($"/api/instances/{SecurityWorld.DefinitionId}", new { }),
            ["POST /api/instances/{instanceId:guid}/cancel"] = new($"/api/instances/{w.CancelTargetInstanceId}/cancel", new { reason = "Toegangstoets" }),
            ["POST /api/instances/{instanceId:guid}/incidents/{incidentId:guid}/retry"] = new($"/api/instances/{w.InstanceId}/incidents/{Guid.NewGuid()}/retry"),
            ["POST /api/events"] = new("/api/events", new { eventName = "Toegangstoets" }),
            ["POST /api/tasks/{taskId:guid}/claim"] = new($"{task}/claim"),
            ["POST /api/tasks/{taskId:guid}/release"] = new($"{task}/release"),
            ["POST /api/tasks/{taskId:guid}/reassign"] = new($"{task}/reassign", new { userName = "partner.uwv" }),
            ["PUT /api/tasks/{taskId:guid}/due-date"] = new($"{task}/due-date", new { dueAt = LsiHostFactory.Start.AddDays(30) }),
            ["POST /api/tasks/{taskId:guid}/complete"] = new($"{task}/complete", new { outcome = "Goedkeuren", comment = "Akkoord" }),
            ["PUT /api/inbox/views"] = new("/api/inbox/views", new { name = "Te laat", filter = new { overdue = true } }),
            ["DELETE /api/inbox/views/{id:guid}"] = new($"/api/inbox/views/{w.ViewId}"),
            ["POST /api/notifications/{id:guid}/read"] = new($"/api/notifications/{w.NotificationId}/read"),
            ["POST /api/notifications/read"] = new("/api/notifications/read"),
            ["PUT /api/notifications/settings"] = new("/api/notifications/settings", new { language = "nl", dailyDigest = false }),
            ["POST /api/calendar/token"] = new("/api/calendar/token"),
            ["DELETE /api/calendar/token"] = new("/api/calendar/token"),
            ["POST /api/inbox/absence"] = new("/api/inbox/absence", new { substituteUserName = SecurityWorld.Colleague }),
            ["DELETE /api/inbox/absence"] = new("/api/inbox/absence"),
            ["DELETE /api/admin/personal-data/{userName}"] = new("/api/admin/personal-data/partner.uwv"),
            ["POST /account/logout"] = new("/account/logout"),
        };
    }
}
