using System.Net;
using LsiWorkflow.Host.Tests.Infrastructure;

namespace LsiWorkflow.Host.Tests.Security;

/// <summary>
/// An API client without a cookie or token gets 401, not a redirect to the sign-in page that it cannot follow: for the
/// API and for its OpenAPI document (which answered 302). People in a browser still get the sign-in page.
/// </summary>
public sealed class ApiChallengeTests(HostFixture host) : HostTest(host)
{
    [Theory]
    [InlineData("GET", "/openapi/v1.json")]
    [InlineData("GET", "/api/projects")]
    [InlineData("GET", "/api/tasks")]
    [InlineData("POST", "/api/projects")]
    [InlineData("PUT", "/api/workflows/drafts")]
    public async Task A_caller_without_a_cookie_or_token_gets_401(string method, string url)
    {
        using var anonymous = Host.CreateClient();

        using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_wrong_token_gets_401_and_a_page_still_sends_people_to_sign_in()
    {
        using var client = Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "niet-geldig");

        using var api = await client.GetAsync("/openapi/v1.json");
        using var anonymous = Host.CreateClient();
        using var page = await anonymous.GetAsync("/projects");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.True(page.StatusCode == HttpStatusCode.Redirect && page.Headers.Location!.OriginalString.Contains("/account/login", StringComparison.Ordinal),
            $"{(int)page.StatusCode} {page.Headers.Location}");
    }
}
