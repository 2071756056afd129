using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LsiWorkflow.Host.Tests.Infrastructure;
namespace LsiWorkflow.Host.Tests.Security;

/// <summary>
/// What a hostile or careless client sends: too much, the wrong types, fields we do not know, and SQL or HTML in
/// every text field. The host answers with ProblemDetails, never a 500, and stores text as the text it is.
/// </summary>
public sealed class HostileInputTests(HostFixture host) : HostTest(host)
{
    public static readonly string[] Payloads =
    [
        "'; DROP TABLE lsi.projects; --",
        "\" OR 1=1 --",
        "Robert'); DELETE FROM lsi.audit_entries; --",
        "<script>document.title='pwned'</script>",
        "<img src=x onerror=\"window.pwned=1\">",
        "{{ 7 * 7 }} {{ date.now }}",
        "${jndi:ldap://x/a} %s%s%n",
        "ZWJ 👩‍💻 RTL \u202e evil",
    ];

    private SecurityWorld world = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        world = await SecurityWorld.CreateAsync(Host);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_and_a_problem()
    {
        using var secretary = await Host.ClientForAsync("secretaris");
        var huge = new string('x', 2 * 1024 * 1024);

        using var response = await secretary.PostAsJsonAsync("/api/projects", new { name = huge, kind = "AreaBased" });

        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("POST", "/api/projects", "{\"name\": 12, \"kind\": \"AreaBased\"}", "$.name")]
    [InlineData("POST", "/api/projects", "{\"name\": \"P\", \"kind\": \"Kasteel\"}", "$.kind")]
    [InlineData("POST", "/api/projects", "{\"name\": \"P\", \"kind\": \"AreaBased\", \"isAdmin\": true}", "$.isAdmin")]
    [InlineData("POST", "/api/projects", "{\"name\": null, \"kind\": \"AreaBased\"}", "$.name")]
    [InlineData("POST", "/api/projects", "{\"name\": [\"a\"], \"kind\": {}}", "$.name")]
    [InlineData("POST", "/api/projects", "{\"name\": \"P\", ", "$")]
    [InlineData("POST", "/api/projects", "null", "$")]
    [InlineData("POST", "/api/projects", "[1,2,3]", "$")]
    [InlineData("POST", "/api/publications", "{\"title\": true, \"kind\": \"Kamerbrief\"}", "$.title")]
    [InlineData("POST", "/api/dpias", "{\"kind\": \"ProjectFormat\", \"title\": \"D\", \"projectId\": \"not-a-guid\"}", "$.projectId")]
    [InlineData("POST", "/api/milestones/00000000-0000-0000-0000-000000000001/reached", "{\"reachedOn\": \"gisteren\"}", "$.reachedOn")]
    [InlineData("PUT", "/api/workflows/drafts", "{\"definition\": {}, \"rowVersion\": -1}", "$.rowVersion")]
    [InlineData("PUT", "/api/workflows/drafts", "{\"definition\": {}, \"extra\": 1}", "$.extra")]
    [InlineData("POST", "/api/instances/acl-approval", "{\"input\": \"tekst\"}", "$.input")]
    [InlineData("POST", "/api/events", "{\"eventName\": 5}", "$.eventName")]
    public async Task Wrong_types_unknown_fields_and_broken_json_get_400_with_the_json_path(string method, string url, string body, string path)
    {
        using var secretary = await Host.ClientForAsync("secretaris");
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        using var response = await secretary.SendAsync(request);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(path, out var messages), $"No error at {path}: {problem}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }

    [Fact]
    public async Task Task_form_values_of_the_wrong_shape_are_refused_not_failed()
    {
        using var partner = await Host.ClientForAsync("partner.uwv");
        foreach (var body in new[]
        {
            "{\"outcome\": 1}",
            "{\"outcome\": \"Goedkeuren\", \"formValues\": [1]}",
            "{\"outcome\": \"Bestaat niet\"}",
            "{\"outcome\": \"Goedkeuren\", \"comment\": {\"a\": 1}}",
        })
        {
            using var response = await partner.PostAsync($"/api/tasks/{world.TaskId}/complete", new StringContent(body, Encoding.UTF8, "application/json"));
            await ProblemAsync(response, HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task Sql_and_html_in_every_text_field_are_stored_as_the_text_they_are_or_refused()
    {
        using var secretary = await Host.ClientForAsync("secretaris");
        using var partner = await Host.ClientForAsync("partner.uwv");
        foreach (var payload in Payloads.Append("nul\u0000teken").Append(new string('n', 5000)))
        {
            await StoredOrRefusedAsync(await secretary.PostAsJsonAsync("/api/projects", new { name = payload, kind = "PhenomenonBased", reason = payload }),
                created => Assert.Equal(payload, created.GetProperty("name").GetString()));
            await StoredOrRefusedAsync(await secretary.PostAsJsonAsync("/api/publications", new { title = payload, kind = payload, summary = payload, reference = payload }), _ => { });
            await StoredOrRefusedAsync(await secretary.PostAsJsonAsync($"/api/projects/{world.ProjectId}/participants", new { organisation = payload, sharesData = false, reason = payload }), _ => { });
            await StoredOrRefusedAsync(await secretary.PutAsJsonAsync($"/api/projects/{world.ProjectId}/privacy-protocol", new { reference = payload, reason = payload }),
                updated => Assert.Equal(payload, updated.GetProperty("privacyProtocolReference").GetString()));
            await StoredOrRefusedAsync(await secretary.PostAsJsonAsync("/api/dpias", new { kind = "JointPhenomenonBased", title = payload, reason = payload }), _ => { });
            await StoredOrRefusedAsync(await secretary.PostAsJsonAsync("/api/events", new { eventName = payload, correlationKey = payload }), _ => { });
            await StoredOrRefusedAsync(await partner.PutAsJsonAsync("/api/inbox/views", new { name = payload, filter = new { definitionId = payload } }),
                view => Assert.Equal(payload, view.GetProperty("name").GetString()));
            await StoredOrRefusedAsync(await partner.GetAsync($"/api/tasks?definitionId={Uri.EscapeDataString(payload)}"), _ => { });
            await StoredOrRefusedAsync(await secretary.GetAsync($"/api/instances?definitionId={Uri.EscapeDataString(payload)}&status={Uri.EscapeDataString(payload)}"), _ => { });
            await StoredOrRefusedAsync(await partner.PostAsJsonAsync("/api/inbox/absence", new { substituteUserName = payload }), _ => { });
        }

        // The last text field: the comment and form of a decision, on the real task.
        var comment = string.Concat(Payloads);
        await StoredOrRefusedAsync(await partner.PostAsJsonAsync($"/api/tasks/{world.TaskId}/complete", new { outcome = "Goedkeuren", comment, formValues = new { toelichting = comment } }), _ => { });
        var stored = (await Host.TasksAsync(world.InstanceId)).Single();
        Assert.Equal(comment, stored.Comment);

        // Nothing was dropped or deleted along the way.
        Assert.Equal(HttpStatusCode.OK, (await secretary.GetAsync($"/api/projects/{world.ProjectId}")).StatusCode);
        var audit = await (await secretary.GetAsync($"/api/projects/{world.ProjectId}/audit.csv")).Content.ReadAsStringAsync();
        Assert.Contains("ProjectProposed", audit, StringComparison.Ordinal);
    }

    private static async Task StoredOrRefusedAsync(HttpResponseMessage response, Action<JsonElement> check)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri?.AbsolutePath}: {status} {body}");
            if (response.IsSuccessStatusCode)
            {
                if (body.Length > 0 && body[0] == '{')
                {
                    check(JsonDocument.Parse(body).RootElement);
                }
            }
            else if (response.StatusCode != HttpStatusCode.RequestUriTooLong) // Kestrel refuses an overlong address before the application sees it
            {
                Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                    $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri?.AbsolutePath}: {status} without a problem: {body}");
            }
        }
    }

    internal static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
