using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.Startup;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace LsiWorkflow.Host.Tests.Features.People;

public sealed class PeopleTests(HostFixture host) : HostTest(host)
{
    private static readonly Uri Me = new("/api/me", UriKind.Relative);
    private const string NewPassword = "Negen-Sluizen-73-open";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Host.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<LetterSeeder>().SeedAsync(); // the convenant's organisations
            return true;
        });
        await Host.CreateUserAsync("beheer", Organisations.Szw, Roles.Admin);
    }

    [Fact]
    public async Task An_invited_person_sets_a_password_once_through_the_mailed_link_and_signs_in()
    {
        using var admin = await Host.ClientForAsync("beheer");
        var person = await InviteAsync(admin, "secretaris@lsi.example", "Sanne Secretaris", Organisations.Szw, Roles.Secretary);
        Assert.True(person.GetProperty("invited").GetBoolean());

        var (userId, token) = InvitationLink("secretaris@lsi.example");
        Assert.Equal(person.GetProperty("id").GetGuid(), userId);
        using var anonymous = Host.CreateClient();
        var weak = await anonymous.PostAsJsonAsync("/api/auth/invitation", new { personId = userId, token, password = "kort" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var accepted = await anonymous.PostAsJsonAsync("/api/auth/invitation", new { personId = userId, token, password = NewPassword });
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        var again = await anonymous.PostAsJsonAsync("/api/auth/invitation", new { personId = userId, token, password = NewPassword + "x" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        using var secretary = await SignInAsync("secretaris@lsi.example", NewPassword);
        var me = await secretary.GetFromJsonAsync<JsonElement>(Me);
        Assert.Equal(["Secretary"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/people/audit");
        var line = audit.EnumerateArray().Single(l => l.GetProperty("action").GetString() == "PersonInvited");
        Assert.Equal("beheer", line.GetProperty("actor").GetString());
        Assert.Contains("Sanne Secretaris", line.GetProperty("what").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_invitation_link_is_refused()
    {
        using var admin = await Host.ClientForAsync("beheer");
        await InviteAsync(admin, "laat@lsi.example", "Laat", Organisations.Uwv, Roles.Partner);
        var (userId, token) = InvitationLink("laat@lsi.example");
        Host.Factory.Clock.Advance(new AccountOptions().InvitationLifetime + TimeSpan.FromMinutes(1));
        using var anonymous = Host.CreateClient();
        var late = await anonymous.PostAsJsonAsync("/api/auth/invitation", new { personId = userId, token, password = NewPassword });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task Disabling_ends_sessions_and_tokens_at_once_and_refuses_sign_in_until_enabled_again()
    {
        await Host.CreateUserAsync("partner.uwv", Organisations.Uwv, Roles.Partner);
        using var token = await Host.ClientForAsync("partner.uwv");
        using var browser = Host.CreateClient();
        await Accounts.SignInTests.SignInWithFormAsync(browser, "partner.uwv", HostFixture.Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(Me)).StatusCode);
        using var admin = await Host.ClientForAsync("beheer");
        var id = await IdOfAsync("partner.uwv");

        var disabled = await admin.PostAsJsonAsync($"/api/people/{id}/disable", new { reason = "Uit dienst" });
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync(Me)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(Me)).StatusCode);
        using var anonymous = Host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "partner.uwv", password = HostFixture.Password })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/people/{id}/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "partner.uwv", password = HostFixture.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync(Me)).StatusCode); // the old token stays ended

        var csv = await admin.GetStringAsync(new Uri("/api/people/audit.csv", UriKind.Relative));
        Assert.Contains("PersonDisabled", csv, StringComparison.Ordinal);
        Assert.Contains("Uit dienst", csv, StringComparison.Ordinal);
        Assert.Contains("PersonEnabled", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_roles_or_organisation_ends_sessions_and_the_next_sign_in_carries_the_new_rights()
    {
        await Host.CreateUserAsync("partner.uwv", Organisations.Uwv, Roles.Partner);
        using var before = await Host.ClientForAsync("partner.uwv");
        using var admin = await Host.ClientForAsync("beheer");
        var id = await IdOfAsync("partner.uwv");

        var changed = await admin.PutAsJsonAsync($"/api/people/{id}", new { organisation = Organisations.Svb, roles = new[] { Roles.SteeringGroupMember } });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync(Me)).StatusCode);
        using var after = await SignInAsync("partner.uwv", HostFixture.Password);
        var me = await after.GetFromJsonAsync<JsonElement>(Me);
        Assert.Equal(Organisations.Svb, me.GetProperty("organisation").GetString());
        Assert.Equal(["SteeringGroupMember"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var line = (await admin.GetFromJsonAsync<JsonElement>("/api/people/audit")).EnumerateArray().Single(l => l.GetProperty("action").GetString() == "PersonChanged");
        var what = JsonDocument.Parse(line.GetProperty("what").GetString()!).RootElement;
        Assert.Equal(Organisations.Uwv, what.GetProperty("before").GetProperty("organisation").GetString());
        Assert.Equal(Organisations.Svb, what.GetProperty("after").GetProperty("organisation").GetString());
    }

    [Fact]
    public async Task A_locked_account_is_unlocked_by_an_administrator_and_the_last_administrator_cannot_be_disabled()
    {
        await Host.CreateUserAsync("partner.svb", Organisations.Svb, Roles.Partner);
        using var anonymous = Host.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "partner.svb", password = "Fout-wachtwoord-77" });
        }
        using var admin = await Host.ClientForAsync("beheer");
        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/people")).EnumerateArray().Single(p => p.GetProperty("userName").GetString() == "partner.svb");
        Assert.NotEqual(JsonValueKind.Null, listed.GetProperty("lockedUntil").ValueKind);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/people/{listed.GetProperty("id").GetGuid()}/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "partner.svb", password = HostFixture.Password })).StatusCode);

        await Host.CreateUserAsync("beheer2", Organisations.Szw, Roles.Admin);
        using var second = await Host.ClientForAsync("beheer2");
        Assert.Equal(HttpStatusCode.OK, (await second.PostAsync($"/api/people/{await IdOfAsync("beheer")}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await second.PostAsync($"/api/people/{await IdOfAsync("beheer2")}/disable", null)).StatusCode);
    }

    [Fact]
    public async Task A_removed_person_is_gone_but_the_audit_keeps_their_name()
    {
        await Host.CreateUserAsync("partner.ind", Organisations.Ind, Roles.Partner);
        using var token = await Host.ClientForAsync("partner.ind");
        using var admin = await Host.ClientForAsync("beheer");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(new Uri($"/api/people/{await IdOfAsync("partner.ind")}?reason=Vertrokken", UriKind.Relative))).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync(Me)).StatusCode);
        Assert.DoesNotContain((await admin.GetFromJsonAsync<JsonElement>("/api/people")).EnumerateArray(), p => p.GetProperty("userName").GetString() == "partner.ind");
        var csv = await admin.GetStringAsync(new Uri("/api/people/audit.csv", UriKind.Relative));
        Assert.Contains("PersonRemoved", csv, StringComparison.Ordinal);
        Assert.Contains("partner.ind", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Organisations_join_are_renamed_and_leave_with_their_open_tasks_listed()
    {
        using var admin = await Host.ClientForAsync("beheer");
        var added = await admin.PostAsJsonAsync("/api/organisations", new { code = "gem-zwolle", name = "Gemeente Zwolle", kind = "Municipality" });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await InviteAsync(admin, "handhaver@zwolle.example", "Handhaver Zwolle", "GEM-ZWOLLE", Roles.Partner);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/organisations", new { code = "GEM-ZWOLLE", name = "Dubbel", kind = "Municipality" })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/organisations/{id}/name", new { name = "Gemeente Zwolle (handhaving)" })).StatusCode);
        var left = await admin.PostAsJsonAsync($"/api/organisations/{id}/leave", new { reason = "Convenant opgezegd" });
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        var result = await left.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Gemeente Zwolle (handhaving)", result.GetProperty("organisation").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Array, result.GetProperty("openTasks").ValueKind);

        var refused = await admin.PostAsJsonAsync("/api/people", new { email = "nog@zwolle.example", displayName = "Nog een", organisation = "GEM-ZWOLLE", roles = new[] { Roles.Partner } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var actions = (await admin.GetFromJsonAsync<JsonElement>("/api/people/audit")).EnumerateArray().Select(l => l.GetProperty("action").GetString()).ToList();
        Assert.Contains("OrganisationAdded", actions);
        Assert.Contains("OrganisationRenamed", actions);
        Assert.Contains("OrganisationLeft", actions);
    }

    [Fact]
    public async Task A_person_changes_their_own_password_with_the_current_one_and_their_old_sessions_end()
    {
        await Host.CreateUserAsync("secretaris", Organisations.Szw, Roles.Secretary);
        using var first = await SignInAsync("secretaris", HostFixture.Password);
        using var second = await SignInAsync("secretaris", HostFixture.Password);

        var sessions = await first.GetFromJsonAsync<JsonElement>("/api/me/sessions");
        Assert.Equal(2, sessions.GetArrayLength());
        var other = sessions.EnumerateArray().Single(s => !s.GetProperty("current").GetBoolean()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await first.DeleteAsync(new Uri($"/api/me/sessions/{other}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync(Me)).StatusCode);

        var wrong = await first.PostAsJsonAsync("/api/me/password", new { currentPassword = "Niet-het-wachtwoord-1", newPassword = NewPassword });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var changed = await first.PostAsJsonAsync("/api/me/password", new { currentPassword = HostFixture.Password, newPassword = NewPassword });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync(Me)).StatusCode);
        using var again = await SignInAsync("secretaris", NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync(Me)).StatusCode);
    }

    internal static async Task<JsonElement> InviteAsync(HttpClient admin, string email, string name, string organisation, params string[] roles)
    {
        var response = await admin.PostAsJsonAsync("/api/people", new { email, displayName = name, organisation, roles });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The link of the invitation mail to <paramref name="email"/>, as the person would click it.</summary>
    internal (Guid UserId, string Token) InvitationLink(string email)
    {
        var mail = Directory.GetFiles(Host.Factory.MailFolder, "*.eml").Select(f => MimeMessage.Load(f))
            .Last(m => m.To.Mailboxes.Any(t => t.Address == email));
        var url = (mail.TextBody ?? "").Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/account/invitation?", StringComparison.Ordinal));
        var query = QueryHelpers.ParseQuery(new Uri(url).Query);
        return (Guid.Parse(query["user"]!), query["token"]!);
    }

    internal async Task<HttpClient> SignInAsync(string userName, string password)
    {
        using var anonymous = Host.CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/auth/token", new { userName, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var client = Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return client;
    }

    private Task<Guid> IdOfAsync(string userName) =>
        Host.InScopeAsync(sp => sp.GetRequiredService<LsiDbContext>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
}
