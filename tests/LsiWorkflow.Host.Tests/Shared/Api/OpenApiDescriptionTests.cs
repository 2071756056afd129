using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace LsiWorkflow.Host.Tests.Shared.Api;

/// <summary>
/// The running host's API description, checked for what generated clients need, operation by operation, so a new
/// endpoint that misses a rule fails here: a bearer scheme, a unique operationId, a success answer with a content
/// type and a schema, and problem+json for the errors it can give.
/// </summary>
public sealed partial class OpenApiDescriptionTests(HostFixture host) : HostTest(host)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    /// <summary>The description as a client fetches it: signed in (the document is not public).</summary>
    public static async Task<string> FetchDocumentAsync(HostFixture host)
    {
        await host.CreateUserAsync("openapi.lezer", "SZW", Roles.Secretary);
        using var client = await host.ClientForAsync("openapi.lezer");
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_document_is_valid_OpenAPI_without_errors()
    {
        var json = await FetchDocumentAsync(Host);

        var read = OpenApiDocument.Parse(json, "json");

        Assert.Empty(read.Diagnostic?.Errors ?? []);
        var errors = read.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? [];
        Assert.True(!errors.Any(), string.Join('\n', errors.Select(e => $"{e.Pointer}: {e.Message}")));
    }

    [Fact]
    public async Task Every_operation_has_an_id_a_typed_success_answer_its_security_and_problem_answers()
    {
        using var document = JsonDocument.Parse(await FetchDocumentAsync(Host));
        var root = document.RootElement;
        var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());

        var signedIn = SignedInEndpoints();
        var failures = new List<string>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var operations = 0;
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var (method, operation) in path.Value.EnumerateObject().Where(p => Methods.Contains(p.Name)).Select(p => (p.Name, p.Value)))
            {
                operations++;
                var key = $"{method.ToUpperInvariant()} {path.Name}";
                var shape = $"{method.ToUpperInvariant()} {Parameter().Replace(path.Name, "{}")}";
                void Fail(string why) => failures.Add($"{key}: {why}");

                var id = operation.TryGetProperty("operationId", out var idValue) ? idValue.GetString() : null;
                if (id is null || !OperationIdShape().IsMatch(id))
                {
                    Fail($"operationId '{id}' missing or not camelCase letters and digits");
                }
                else if (!ids.TryAdd(id, key))
                {
                    Fail($"operationId '{id}' also used by {ids[id]}");
                }

                var responses = operation.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
                var successes = responses.Where(r => r.Key.StartsWith('2')).ToList();
                if (successes.Count == 0)
                {
                    Fail("no success response");
                }
                foreach (var (status, response) in successes.Where(s => s.Key != "204"))
                {
                    if (!response.TryGetProperty("content", out var content) || !content.EnumerateObject().Any())
                    {
                        Fail($"{status} has no content type");
                        continue;
                    }
                    foreach (var media in content.EnumerateObject().Where(m => !HasSchema(m.Value)))
                    {
                        Fail($"{status} {media.Name} has no schema");
                    }
                }

                var security = operation.TryGetProperty("security", out var s)
                    && s.EnumerateArray().Any(r => r.TryGetProperty("Bearer", out _));
                var parameters = operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
                var needed = new List<string> { "503" };
                if (signedIn.Contains(shape))
                {
                    if (!security)
                    {
                        Fail("needs sign-in but names no bearer security");
                    }
                    needed.AddRange(["401", "403"]);
                }
                if (parameters.Count > 0 || operation.TryGetProperty("requestBody", out _))
                {
                    needed.Add("400");
                }
                if (parameters.Any(x => x.GetProperty("in").GetString() == "path"))
                {
                    needed.Add("404");
                }
                foreach (var status in needed)
                {
                    if (!responses.TryGetValue(status, out var problem))
                    {
                        Fail($"no {status} response");
                    }
                    else if (!problem.TryGetProperty("content", out var c) || !c.TryGetProperty("application/problem+json", out var media) || !HasSchema(media))
                    {
                        Fail($"{status} is not application/problem+json with a schema");
                    }
                }
            }
        }

        Assert.True(operations > 50, $"only {operations} operations in the document");
        Assert.True(failures.Count == 0, $"{failures.Count} problems in {operations} operations:\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task Files_pages_and_the_token_are_described_with_their_own_content_types()
    {
        using var document = JsonDocument.Parse(await FetchDocumentAsync(Host));
        var paths = document.RootElement.GetProperty("paths");
        var csv = paths.EnumerateObject().Where(p => p.Name.EndsWith(".csv", StringComparison.Ordinal)).ToList();
        Assert.Contains(csv, p => p.Name == "/api/projects/{id}/audit.csv");
        Assert.True(csv.Count >= 6, string.Join(", ", csv.Select(p => p.Name)));
        foreach (var path in csv)
        {
            Assert.True(Success(path.Value.GetProperty("get")).TryGetProperty("text/csv", out _), $"{path.Name} is not text/csv");
        }
        Assert.True(Success(paths.GetProperty("/api/reports/progress").GetProperty("get")).TryGetProperty("text/html", out _));

        var token = Success(paths.GetProperty("/api/auth/token").GetProperty("post")).GetProperty("application/json").GetProperty("schema");
        var properties = Resolve(document.RootElement, token).GetProperty("properties");
        Assert.True(properties.TryGetProperty("accessToken", out _), token.ToString());
        Assert.True(properties.TryGetProperty("expiresIn", out _), token.ToString());
    }

    [Theory]
    [InlineData("GET", "api/projects/{id}/audit.csv", "getProjectsByIdAuditCsv")]
    [InlineData("POST", "/api/notifications/{id:guid}/read", "postNotificationsByIdRead")]
    [InlineData("GET", "/api/tasks/", "getTasks")]
    [InlineData("GET", "/calendar/{token}.ics", "getCalendarByTokenIcs")]
    public void Operation_ids_follow_method_and_route(string method, string route, string expected) =>
        Assert.Equal(expected, LsiWorkflow.Host.Shared.Api.OpenApiDescription.OperationIdOf(method, route));

    /// <summary>Method and path (parameters as <c>{}</c>, since the document may name them differently) of every endpoint that needs a signed-in caller.</summary>
    private HashSet<string> SignedInEndpoints()
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in Host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var metadata = endpoint.Metadata;
            if (metadata.GetMetadata<IAllowAnonymous>() is not null
                || (metadata.GetMetadata<IAuthorizeData>() is null && metadata.GetMetadata<AuthorizationPolicy>() is null))
            {
                continue;
            }
            var path = "/" + Parameter().Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), "{}");
            foreach (var method in metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                found.Add($"{method} {path}");
            }
        }
        return found;
    }

    private static JsonElement Success(JsonElement operation) =>
        operation.GetProperty("responses").EnumerateObject().First(r => r.Name.StartsWith('2')).Value.GetProperty("content");

    private static bool HasSchema(JsonElement media) =>
        media.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.Object && schema.EnumerateObject().Any();

    private static JsonElement Resolve(JsonElement root, JsonElement schema)
    {
        if (!schema.TryGetProperty("$ref", out var reference))
        {
            return schema;
        }
        var name = reference.GetString()!.Split('/')[^1];
        return root.GetProperty("components").GetProperty("schemas").GetProperty(name);
    }

    [GeneratedRegex("^[a-z][A-Za-z0-9]*$")]
    private static partial Regex OperationIdShape();

    [GeneratedRegex("{[^}]*}")]
    private static partial Regex Parameter();
}
