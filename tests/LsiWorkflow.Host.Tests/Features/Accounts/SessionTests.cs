using System.Net;
using System.Net.Http.Json;
using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LsiWorkflow.Host.Tests.Features.Accounts;

public sealed class SessionTests(HostFixture host) : HostTest(host)
{
    private static readonly Uri Me = new("/api/me", UriKind.Relative);

    [Fact]
    public async Task A_change_written_by_another_node_ends_a_token_within_the_check_interval()
    {
        await Host.CreateUserAsync("partner.uwv", "UWV", Roles.Partner);
        using var client = await Host.ClientForAsync("partner.uwv");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Me)).StatusCode);

        // Another node disables the account: only the database knows.
        await Host.InScopeAsync(sp => sp.GetRequiredService<LsiDbContext>().Users.Where(u => u.UserName == "partner.uwv")
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.DisabledAt, LsiHostFactory.Start)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Me)).StatusCode); // this node still trusts its last check

        Host.Factory.Clock.Advance(new AccountOptions().SessionCheckInterval + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Me)).StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_lock_new_sign_ins_but_leave_existing_sessions_alone()
    {
        await Host.CreateUserAsync("partner.uwv", "UWV", Roles.Partner);
        using var signedIn = await Host.ClientForAsync("partner.uwv");
        using var attacker = Host.CreateClient();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            await attacker.PostAsJsonAsync("/api/auth/token", new { userName = "partner.uwv", password = "Fout-wachtwoord-99" });
        }
        Assert.True(await Host.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<LsiUser>>();
            return await users.IsLockedOutAsync((await users.FindByNameAsync("partner.uwv"))!);
        }));

        Host.Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync(Me)).StatusCode);
        var refused = await attacker.PostAsJsonAsync("/api/auth/token", new { userName = "partner.uwv", password = HostFixture.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_token_expires_after_its_configured_lifetime()
    {
        await Host.CreateUserAsync("partner.uwv", "UWV", Roles.Partner);
        using var client = await Host.ClientForAsync("partner.uwv");
        Host.Factory.Clock.Advance(new AccountOptions().TokenLifetime - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Me)).StatusCode);
        Host.Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Me)).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_so_a_copy_of_the_cookie_is_worthless()
    {
        await Host.CreateUserAsync("secretaris", "SZW", Roles.Secretary);
        using var browser = Host.CreateClient();
        await SignInTests.SignInWithFormAsync(browser, "secretaris", HostFixture.Password);
        var cookie = Host.CookieOf(browser);
        using var copy = Host.CreateClient();
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync(Me)).StatusCode);

        var logout = await SignInTests.PostFormAsync(browser, "/account/logout", []);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync(Me)).StatusCode);
    }
}
