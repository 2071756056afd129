using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Tests.Infrastructure;

namespace LsiWorkflow.Host.Tests.Features.Designer;

/// <summary>
/// Validating a definition and saving it run the same checks: a body the validator passes is saved (and published),
/// and a body it refuses is refused by saving with the same paths and messages, never with a 500 or a refusal the
/// validator did not foresee.
/// </summary>
public sealed class ValidateAndSaveAgreementTests(HostFixture host) : HostTest(host)
{
    // Placeholders are replaced by raw JSON text, so escapes reach the host exactly as written.
    private const string Definition = """
        { "schemaVersion": 1, "id": "tekens", "name": NAME, "version": 1,
          "variables": [ { "name": "v", "type": "object", "default": { "lijst": [ "x", LISTED ], KEY: 1, "getal": NUMBER } } ],
          "activities": [ { "id": "start", "type": "Start", "displayName": DISPLAY }, { "id": "end", "type": "End" } ],
          "connections": [ { "source": "start", "target": "end" } ] }
        """;

    private HttpClient secretary = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Host.CreateUserAsync("secretaris", "SZW", Roles.Secretary);
        secretary = await Host.ClientForAsync("secretaris");
    }

    public override Task DisposeAsync()
    {
        secretary.Dispose();
        return base.DisposeAsync();
    }

    private static byte[] Body(string placeholder, string fragment)
    {
        var values = new Dictionary<string, string>
        {
            ["NAME"] = "\"Tekens\"", ["LISTED"] = "\"y\"", ["KEY"] = "\"sleutel\"", ["NUMBER"] = "1.5", ["DISPLAY"] = "\"Begin\"",
        };
        values[placeholder] = fragment;
        var text = values.Aggregate(Definition, (json, value) => json.Replace(value.Key, value.Value, StringComparison.Ordinal));
        return Encoding.UTF8.GetBytes(text);
    }

    [Theory]
    [InlineData("NAME", "\"nul\\u0000teken\"", "$.name")]
    [InlineData("NAME", "\"half\\ud800\"", "$.name")]
    [InlineData("NAME", "\"andere helft\\udc00\"", "$.name")]
    [InlineData("NAME", "\"stuurteken\\u001b[31m\"", "$.name")]
    [InlineData("DISPLAY", "\"begin\\u0000\"", "$.activities[0].displayName")]
    [InlineData("DISPLAY", "\"\\ud83d\"", "$.activities[0].displayName")]
    [InlineData("LISTED", "\"diep\\u0000\"", "$.variables[0].default.lijst[1]")]
    [InlineData("LISTED", "\"diep\\udfff\"", "$.variables[0].default.lijst[1]")]
    [InlineData("KEY", "\"sleu\\u0000tel\"", "$.variables[0].default.sleu\\u0000tel")]
    [InlineData("KEY", "\"sleu\\ud800tel\"", "$.variables[0].default.sleu\\ud800tel")]
    [InlineData("NUMBER", "1e131072", "$.variables[0].default.getal")]
    [InlineData("NUMBER", "1e400", "$.variables[0].default.getal")]
    [InlineData("NUMBER", "1e-20000", "$.variables[0].default.getal")]
    public async Task Text_and_numbers_that_cannot_be_stored_are_refused_alike_by_validate_and_save(string placeholder, string fragment, string path)
    {
        var body = Body(placeholder, fragment);

        var validated = await ValidateAsync(body);
        var saved = await SaveAsync(body);

        Assert.Equal(HttpStatusCode.OK, validated.Status);
        Assert.Equal(HttpStatusCode.BadRequest, saved.Status);
        Assert.Equal([path], validated.Errors.Keys);
        Assert.Equal(validated.Errors, saved.Errors);
    }

    [Fact]
    public async Task A_name_longer_than_the_store_keeps_is_refused_alike_by_validate_and_save()
    {
        var body = Body("NAME", $"\"{new string('n', 201)}\"");

        var validated = await ValidateAsync(body);
        var saved = await SaveAsync(body);

        Assert.Equal(HttpStatusCode.OK, validated.Status);
        Assert.Equal(HttpStatusCode.BadRequest, saved.Status);
        Assert.Equal(["$.name"], validated.Errors.Keys);
        Assert.Equal(validated.Errors, saved.Errors);
    }

    [Fact]
    public async Task Bytes_that_are_no_utf8_are_refused_by_both_with_the_path_of_their_field()
    {
        var body = Body("DISPLAY", "\"BAD\"");
        var at = body.AsSpan().IndexOf("BAD"u8);
        byte[] broken = [.. body[..at], 0xFF, 0xED, 0xA0, 0x80, .. body[(at + 3)..]];

        var validated = await SendAsync(HttpMethod.Post, "/api/workflows/validate", broken);
        var saved = await SaveAsync(broken);

        Assert.Equal(HttpStatusCode.BadRequest, validated.Status);
        Assert.Equal(HttpStatusCode.BadRequest, saved.Status);
        Assert.Equal(["$.activities[0].displayName"], saved.Errors.Keys);
        Assert.Equal(validated.Errors, saved.Errors);
    }

    [Fact]
    public async Task A_save_without_a_definition_is_refused_with_its_path()
    {
        var saved = await SendAsync(HttpMethod.Put, "/api/workflows/drafts", "{\"rowVersion\": null}"u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, saved.Status);
        Assert.Equal(["$.definition"], saved.Errors.Keys);
    }

    [Theory]
    [InlineData("NAME", "\"tab\\t, regels\\r\\n, \\ud83d\\ude00 en 😀\"")]
    [InlineData("KEY", "\"sleutel met \\u00e9\"")]
    [InlineData("NUMBER", "1e300")]
    [InlineData("NUMBER", "1e-1000")]
    [InlineData("NUMBER", "-12345678901234567890.125")]
    public async Task What_validates_is_saved_and_published_even_after_the_database_rewrites_it(string placeholder, string fragment)
    {
        var body = Body(placeholder, fragment);

        var validated = await ValidateAsync(body);
        var saved = await SaveAsync(body);
        using var published = await secretary.PostAsync(new Uri("/api/workflows/tekens/publish", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, validated.Status);
        Assert.Empty(validated.Errors);
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        // jsonb stores 1e300 as 301 digits and reorders keys; publishing validates that stored form again.
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        if (placeholder == "NAME")
        {
            using var list = await secretary.GetAsync(new Uri("/api/workflows", UriKind.Relative));
            var stored = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Single();
            Assert.Equal("tab\t, regels\r\n, 😀 en 😀", stored.GetProperty("name").GetString());
        }
    }

    private Task<Answer> ValidateAsync(byte[] definition) => SendAsync(HttpMethod.Post, "/api/workflows/validate", definition);

    private Task<Answer> SaveAsync(byte[] definition) =>
        SendAsync(HttpMethod.Put, "/api/workflows/drafts", [.. "{\"definition\": "u8, .. definition, .. "}"u8]);

    /// <summary>
    /// Sends raw bytes and reads the problems either way: a validation result's problems or a ProblemDetails' errors,
    /// both as path to messages.
    /// </summary>
    private async Task<Answer> SendAsync(HttpMethod method, string url, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative)) { Content = content };
        using var response = await secretary.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{method} {url}: {(int)response.StatusCode} {text}");
        var errors = new SortedDictionary<string, string[]>(StringComparer.Ordinal);
        var root = JsonDocument.Parse(text).RootElement;
        if (root.TryGetProperty("problems", out var problems))
        {
            foreach (var group in problems.EnumerateArray().GroupBy(p => p.GetProperty("path").GetString()!))
            {
                errors[group.Key] = [.. group.Select(p => p.GetProperty("message").GetString()!)];
            }
        }
        else if (root.TryGetProperty("errors", out var refused))
        {
            foreach (var field in refused.EnumerateObject())
            {
                errors[field.Name] = [.. field.Value.EnumerateArray().Select(m => m.GetString()!)];
            }
        }
        return new Answer(response.StatusCode, errors);
    }

    private sealed record Answer(HttpStatusCode Status, SortedDictionary<string, string[]> Errors);
}
