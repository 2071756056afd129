using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Tests.Features.Accounts;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace LsiWorkflow.Host.Tests.Features.People;

/// <summary>
/// The first day in production: a host configured as Production (no demo users, secure cookies, JSON logs), the first
/// administrator made by the command, people invited through the API, their links followed, and access that follows
/// the account at once. The shared test host runs beside it on the same database, as a second node.
/// </summary>
public sealed class ProductionOnboardingTests(HostFixture host) : HostTest(host)
{
    private const string AdminPassword = "Zeven-Bruggen-42-over";
    private const string SecretaryPassword = "Negen-Sluizen-73-open";
    private const string PartnerPassword = "Drie-Molens-58-draaien";

    [Fact(Skip = "Unfinished: on the Production-configured host Chromium gets no password form at /account/invitation (via localhost); the API steps up to it pass")]
    public async Task From_the_first_administrator_to_invited_people_whose_access_follows_their_account()
    {
        await using var production = new ProductionHost();
        await Host.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<LsiWorkflow.Host.Shared.Startup.LetterSeeder>().SeedAsync(); // what the seed command does: the organisations
            return true;
        });
        var (exit, output) = await CreateAdministratorTests.RunHostAsync(["create-admin", "beheer", "beheer@minszw.example"], AdminPassword + "\n");
        Assert.True(exit == 0, output);

        using var admin = await production.TokenClientAsync("beheer", AdminPassword);
        var secretary = await PeopleTests.InviteAsync(admin, "secretaris@minszw.example", "Sanne Secretaris", Organisations.Szw, Roles.Secretary);
        var partner = await PeopleTests.InviteAsync(admin, "partner@uwv.example", "Piet Partner", Organisations.Uwv, Roles.Partner);

        // The secretary follows the link in a browser, the partner's client through the API.
        await using var secretaryBrowser = await Host.Browser.NewContextAsync(production.Address);
        var invitation = await secretaryBrowser.NewPageAsync();
        await invitation.GotoAsync(ProductionHost.LocalLink(production.InvitationUrl("secretaris@minszw.example")));
        await invitation.FillAsync("#password", SecretaryPassword);
        await invitation.FillAsync("#repeat", SecretaryPassword);
        await invitation.ClickAsync("#set-password");
        await invitation.Locator("[data-testid='invitation-done']").WaitForAsync();
        var partnerLink = QueryHelpers.ParseQuery(new Uri(production.InvitationUrl("partner@uwv.example")).Query);
        using var anonymous = production.CreateClient();
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostAsJsonAsync("/api/auth/invitation",
            new { personId = partner.GetProperty("id").GetGuid(), token = partnerLink["token"].ToString(), password = PartnerPassword })).StatusCode);

        // Both sign in and work: the partner in a browser and with a token, the secretary with a token.
        using var partnerToken = await production.TokenClientAsync("partner@uwv.example", PartnerPassword);
        Assert.Equal(HttpStatusCode.OK, (await partnerToken.GetAsync(new Uri("/api/tasks", UriKind.Relative))).StatusCode);
        using var secretaryToken = await production.TokenClientAsync("secretaris@minszw.example", SecretaryPassword);
        Assert.Equal(HttpStatusCode.OK, (await secretaryToken.GetAsync(new Uri("/api/projects", UriKind.Relative))).StatusCode);
        await using var partnerBrowser = await Host.Browser.NewContextAsync(production.Address);
        var tasks = await Infrastructure.Browser.SignInAsync(partnerBrowser, "partner@uwv.example", PartnerPassword);
        await tasks.GotoAsync("/tasks");
        await Infrastructure.Browser.WaitForInteractiveAsync(tasks);

        // Disabled on the other node: the token stops there at once, the open page within the check interval.
        using var adminOnOtherNode = Host.CreateClient();
        adminOnOtherNode.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        var partnerId = partner.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await adminOnOtherNode.PostAsync($"/api/people/{partnerId}/disable", null)).StatusCode);
        await tasks.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 60_000 });
        Assert.Equal(HttpStatusCode.Unauthorized, (await partnerToken.GetAsync(new Uri("/api/tasks", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "partner@uwv.example", password = PartnerPassword })).StatusCode);

        // Enabled again: a new sign-in works.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/people/{partnerId}/enable", null)).StatusCode);
        using var partnerAgain = await production.TokenClientAsync("partner@uwv.example", PartnerPassword);
        Assert.Equal(HttpStatusCode.OK, (await partnerAgain.GetAsync(new Uri("/api/tasks", UriKind.Relative))).StatusCode);

        // The secretary's password changes: the session in the browser and the token end.
        var secretaryPage = await Infrastructure.Browser.SignInAsync(secretaryBrowser, "secretaris@minszw.example", SecretaryPassword);
        Assert.Equal(HttpStatusCode.NoContent, (await secretaryToken.PostAsJsonAsync("/api/me/password",
            new { currentPassword = SecretaryPassword, newPassword = SecretaryPassword + "-2" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await secretaryToken.GetAsync(new Uri("/api/me", UriKind.Relative))).StatusCode);
        await secretaryPage.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 60_000 });
        Assert.Equal(secretary.GetProperty("id").GetGuid(), (await production.TokenAsync("secretaris@minszw.example", SecretaryPassword + "-2")).UserId);
    }

    /// <summary>A second host on the test database, configured as production is; open pages check their sign-in every 2 s.</summary>
    private sealed class ProductionHost : WebApplicationFactory<Program>
    {
        private readonly string mailFolder = Path.Combine(Path.GetTempPath(), "lsi-production-mail-" + Guid.NewGuid().ToString("N"));

        public ProductionHost() => UseKestrel(0);

        public Uri Address
        {
            get
            {
                StartServer();
                var address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
                // Chromium keeps Secure cookies for localhost over plain HTTP; production sets every cookie Secure.
                return new UriBuilder(address) { Host = "localhost" }.Uri;
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Lsi"] = TestEnvironment.ConnectionString,
                ["Hangfire:Server"] = "false",
                ["Mail:PickupFolder"] = mailFolder,
                ["Mail:PublicBaseUrl"] = "https://lsi.example",
                ["Authentication:SessionCheckInterval"] = "00:00:02",
            }));
        }

        public new HttpClient CreateClient() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Address };

        public string InvitationUrl(string email)
        {
            var mail = Directory.GetFiles(mailFolder, "*.eml").Select(f => MimeMessage.Load(f)).Last(m => m.To.Mailboxes.Any(t => t.Address == email));
            return (mail.TextBody ?? "").Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/account/invitation?", StringComparison.Ordinal));
        }

        public static string LocalLink(string url) => new Uri(url).PathAndQuery;

        public async Task<(string Token, Guid? UserId)> TokenAsync(string userName, string password)
        {
            using var client = CreateClient();
            var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
            using var me = CreateClient();
            me.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var people = await me.GetAsync(new Uri("/api/me", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, people.StatusCode);
            using var scope = Services.CreateScope();
            var user = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<LsiWorkflow.Host.Features.Accounts.LsiUser>>().FindByNameAsync(userName);
            return (token, user?.Id);
        }

        public async Task<HttpClient> TokenClientAsync(string userName, string password)
        {
            var client = CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await TokenAsync(userName, password)).Token);
            return client;
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (Directory.Exists(mailFolder))
            {
                Directory.Delete(mailFolder, recursive: true);
            }
        }
    }
}
