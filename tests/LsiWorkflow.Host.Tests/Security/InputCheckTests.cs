using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LsiWorkflow.Host.Tests.Security;

/// <summary>
/// Text that cannot be stored or shown is refused where it enters, with the path of its field, for every way a
/// request carries text: JSON read as raw JSON (definitions, start input, event payloads, form values), typed JSON,
/// query strings, route values and form posts. Before the check, a lone surrogate in raw JSON gave 500 and a NUL
/// reached PostgreSQL, which refused it with the path <c>$</c>.
/// </summary>
public sealed partial class InputCheckTests(HostFixture host) : HostTest(host)
{
    private SecurityWorld world = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        world = await SecurityWorld.CreateAsync(Host);
    }

    public static TheoryData<string, string, string, string> Bodies() => new()
    {
        // Raw JSON: the body is read as a JsonElement or JsonNode. A draft is checked by the designer's validator, whose
        // paths start at the definition (Designer/ValidateAndSaveAgreementTests); the rest by the check of every body.
        { "PUT", "/api/workflows/drafts", """{"definition": {"id": "x", "name": "Naam\ud800", "version": 1}}""", "$.name" },
        { "PUT", "/api/workflows/drafts", """{"definition": {"id": "x\u0000", "name": "Naam", "version": 1}}""", "$.id" },
        { "POST", "/api/instances/acl-approval", """{"input": {"reden": "einde\ud83d"}}""", "$.input.reden" },
        { "POST", "/api/instances/acl-approval", """{"input": {"lijst": [1, "a\u0001b"]}}""", "$.input.lijst[1]" },
        { "POST", "/api/events", """{"eventName": "DpiaCompleted", "payload": {"key": "\udc00\ud800"}}""", "$.payload.key" },
        { "POST", "/api/events", """{"eventName": "DpiaCompleted", "payload": {"n": 1e999}}""", "$.payload.n" },
        { "POST", "/api/events", """{"eventName": "Naam\u0000"}""", "$.eventName" },
        // Typed JSON: before the check, PostgreSQL refused the NUL and the path was "$".
        { "POST", "/api/projects", """{"name": "Naam\u0000", "kind": "AreaBased"}""", "$.name" },
        { "POST", "/api/projects", """{"name": "Naam\u001b[31m", "kind": "AreaBased"}""", "$.name" },
        { "POST", "/api/projects", """{"name\u0000": "Naam", "kind": "AreaBased"}""", "$.name\\u0000" },
        // A field the body cannot do without, left out: the binder passed null on and the use case failed with 500.
        { "POST", "/api/events", """{"payload": {}}""", "$.eventName" },
        { "POST", "/api/auth/token", """{"password": "x"}""", "$.userName" },
        { "PUT", "/api/inbox/views", """{"name": "Mijn lijst"}""", "$.filter" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Malformed_text_in_a_body_is_refused_with_the_path_of_its_field(string method, string url, string body, string path)
    {
        using var secretary = await Host.ClientForAsync("secretaris");
        var projects = await CountAsync<Project>();
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        using var response = await secretary.SendAsync(request);

        AssertRefusedAt(await HostileInputTests.ProblemAsync(response, HttpStatusCode.BadRequest), path);
        Assert.Equal(projects, await CountAsync<Project>());
    }

    [Fact]
    public async Task Malformed_form_values_of_a_task_decision_are_refused_and_the_task_stays_open()
    {
        using var partner = await Host.ClientForAsync("partner.uwv");
        using var content = new StringContent("""{"outcome": "Goedkeuren", "comment": "ok", "formValues": {"toelichting": "goed\ud800"}}""", Encoding.UTF8, "application/json");

        using var response = await partner.PostAsync($"/api/tasks/{world.TaskId}/complete", content);

        AssertRefusedAt(await HostileInputTests.ProblemAsync(response, HttpStatusCode.BadRequest), "$.formValues.toelichting");
        Assert.Equal(LsiWorkflow.Runtime.Persistence.TaskStatus.Open, (await Host.TasksAsync(world.InstanceId)).Single().Status);
    }

    [Fact]
    public async Task Tab_and_line_breaks_are_text_and_a_string_over_the_limit_is_refused()
    {
        using var secretary = await Host.ClientForAsync("secretaris");
        using var ok = await secretary.PostAsync("/api/projects",
            new StringContent("""{"name": "Regel\teen\r\ntwee", "kind": "PhenomenonBased"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);

        using var tooLong = await secretary.PostAsync("/api/events",
            new StringContent($$$"""{"eventName": "DpiaCompleted", "payload": {"key": "{{{new string('x', 20_001)}}}"}}""", Encoding.UTF8, "application/json"));
        AssertRefusedAt(await HostileInputTests.ProblemAsync(tooLong, HttpStatusCode.BadRequest), "$.payload.key");
    }

    [Theory]
    [InlineData("/api/tasks?definitionId=a%00b", "definitionId")]
    [InlineData("/api/instances?status=%01", "status")]
    [InlineData("/api/instances?waitingOn=a%0Ab", "waitingOn")]
    [InlineData("/api/workflows/a%01b", "definitionId")]
    public async Task Control_characters_in_a_query_or_a_route_are_refused_with_the_parameter_name(string url, string path)
    {
        using var secretary = await Host.ClientForAsync("secretaris");

        using var response = await secretary.GetAsync(url);

        AssertRefusedAt(await HostileInputTests.ProblemAsync(response, HttpStatusCode.BadRequest), path);
    }

    [Fact]
    public async Task A_form_post_with_a_control_character_is_refused_with_the_field_name()
    {
        using var client = Host.CreateClient();
        var page = await client.GetStringAsync("/account/login");
        var token = TokenField().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "The sign-in page has no anti-forgery token");

        using var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["returnUrl"] = "/\u0007",
        }));

        AssertRefusedAt(await HostileInputTests.ProblemAsync(response, HttpStatusCode.BadRequest), "returnUrl");
    }

    private static void AssertRefusedAt(System.Text.Json.JsonElement problem, string path)
    {
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(path, out var messages), $"No error at {path}: {problem}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }

    private Task<int> CountAsync<T>() where T : class =>
        Host.InScopeAsync(sp => sp.GetRequiredService<LsiDbContext>().Set<T>().CountAsync());

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
