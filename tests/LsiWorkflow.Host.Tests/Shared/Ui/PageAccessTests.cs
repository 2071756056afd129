using System.Net;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Tests.Infrastructure;
namespace LsiWorkflow.Host.Tests.Shared.Ui;

public sealed class AccessTests(HostFixture host) : HostTest(host)
{
    [Fact]
    public async Task Hangfire_dashboard_is_for_admins_only()
    {
        await Host.CreateUserAsync("beheer", "SZW", Roles.Admin);
        await Host.CreateUserAsync("secretaris", "SZW", Roles.Secretary);

        using var admin = await Host.ClientForAsync("beheer");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/hangfire", UriKind.Relative))).StatusCode);

        using var secretary = await Host.ClientForAsync("secretaris");
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsync(new Uri("/hangfire", UriKind.Relative))).StatusCode);

        using var anonymous = Host.CreateClient();
        var response = await anonymous.GetAsync(new Uri("/hangfire", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Openapi_description_needs_a_sign_in()
    {
        await Host.CreateUserAsync("secretaris", "SZW", Roles.Secretary);
        using var anonymous = Host.CreateClient();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).StatusCode);
        using var secretary = await Host.ClientForAsync("secretaris");
        Assert.Equal(HttpStatusCode.OK, (await secretary.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).StatusCode);
    }
}
