using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Tests.Infrastructure;
namespace LsiWorkflow.Host.Tests.Features.Accounts;

public sealed partial class SignInTests(HostFixture host) : HostTest(host)
{
    [Fact]
    public async Task Anonymous_api_request_gets_401_with_problem_details()
    {
        using var client = Host.CreateClient();
        var response = await client.GetAsync(new Uri("/api/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Bearer_token_identifies_user_organisation_and_roles()
    {
        await Host.CreateUserAsync("uwv-partner", "UWV", Roles.Partner);
        using var client = await Host.ClientForAsync("uwv-partner");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal("UWV", me.GetProperty("organisation").GetString());
        Assert.Equal(["Partner"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Wrong_password_is_refused_and_locks_out_after_repeated_tries()
    {
        await Host.CreateUserAsync("svb-partner", "SVB", Roles.Partner);
        using var client = Host.CreateClient();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await client.PostAsJsonAsync("/api/auth/token", new { userName = "svb-partner", password = "wrong-password-123" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        // Even the right password is refused while the account is locked.
        var right = await client.PostAsJsonAsync("/api/auth/token", new { userName = "svb-partner", password = HostFixture.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        var problem = await right.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Account geblokkeerd", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Sign_in_page_refuses_a_wrong_password_in_dutch_and_accepts_the_right_one()
    {
        await Host.CreateUserAsync("secretaris", "SZW", Roles.Secretary);
        using var client = Host.CreateClient();

        var refused = await PostLoginFormAsync(client, "secretaris", "not-the-password");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Onjuiste gebruikersnaam of wachtwoord.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var accepted = await PostLoginFormAsync(client, "secretaris", HostFixture.Password);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Welkom bij LSI Workflow", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_redirect_anonymous_visitors_to_sign_in()
    {
        using var client = Host.CreateClient();
        var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    /// <summary>Signs in through the sign-in page as a browser does; the client keeps the cookie.</summary>
    internal static async Task SignInWithFormAsync(HttpClient client, string userName, string password)
    {
        var response = await PostLoginFormAsync(client, userName, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in of {userName}: {(int)response.StatusCode}");
    }

    /// <summary>Posts a form of a page with the anti-forgery token the sign-in page hands out.</summary>
    internal static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative));
        fields["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups["value"].Value;
        using var form = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(path, UriKind.Relative), form);
    }

    private static async Task<HttpResponseMessage> PostLoginFormAsync(HttpClient client, string userName, string password)
    {
        var page = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative));
        var token = AntiforgeryField().Match(page).Groups["value"].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        return await client.PostAsync(new Uri("/account/login", UriKind.Relative), form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
