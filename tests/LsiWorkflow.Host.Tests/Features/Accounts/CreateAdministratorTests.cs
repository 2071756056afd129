using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LsiWorkflow.Host.Tests.Features.Accounts;

public sealed class CreateAdministratorTests(HostFixture host) : HostTest(host)
{
    private const string Strong = "Zeven-Bruggen-42-over";

    [Fact]
    public async Task The_command_in_a_production_process_creates_an_administrator_who_can_sign_in_and_logs_no_password()
    {
        var (exit, output) = await RunHostAsync(["create-admin", "eerste.beheerder", "beheer@lsi.example"], Strong + "\n");

        Assert.True(exit == 0, output);
        Assert.DoesNotContain(Strong, output, StringComparison.Ordinal);
        Assert.DoesNotContain("beheer@lsi.example", output, StringComparison.Ordinal);
        using var client = Host.CreateClient();
        var token = await client.PostAsJsonAsync("/api/auth/token", new { userName = "eerste.beheerder", password = Strong });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        using var admin = Host.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        var me = await admin.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(["Admin"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [InlineData("kort-1A")]                   // too short
    [InlineData("Eerste.beheerder-2026")]     // holds the user name
    [InlineData("Welkom-Welkom-2026!")]       // a first guess
    [InlineData("aaaaaaaaaaaA1!")]            // one character over and over
    public async Task A_weak_password_is_refused_and_no_account_is_made(string password)
    {
        var exit = await CommandAsync(["eerste.beheerder", "beheer@lsi.example"], password);

        Assert.Equal(2, exit);
        Assert.Null(await Host.InScopeAsync(sp => sp.GetRequiredService<UserManager<LsiUser>>().FindByNameAsync("eerste.beheerder")));
    }

    [Fact]
    public async Task Running_it_for_an_existing_account_resets_it_and_ends_its_old_sign_ins()
    {
        await Host.CreateUserAsync("beheer", "SZW");
        using var before = await Host.ClientForAsync("beheer");
        Assert.Equal(HttpStatusCode.OK, (await before.GetAsync(new Uri("/api/me", UriKind.Relative))).StatusCode);
        await Host.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<LsiUser>>();
            var user = (await users.FindByNameAsync("beheer"))!;
            user.DisabledAt = LsiHostFactory.Start;
            await users.UpdateAsync(user);
            return await users.SetLockoutEndDateAsync(user, LsiHostFactory.Start.AddDays(1));
        });

        Assert.Equal(0, await CommandAsync(["beheer", "beheer@test.lsi.local"], Strong));

        Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync(new Uri("/api/me", UriKind.Relative))).StatusCode);
        using var client = Host.CreateClient();
        var token = await client.PostAsJsonAsync("/api/auth/token", new { userName = "beheer", password = Strong });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var old = await client.PostAsJsonAsync("/api/auth/token", new { userName = "beheer", password = HostFixture.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
    }

    private Task<int> CommandAsync(string[] arguments, string password) =>
        Host.InScopeAsync(sp => sp.GetRequiredService<CreateAdministratorCommand>().RunAsync(arguments, () => password));

    /// <summary>The host as an operator runs it: its own process, Production, password on standard input.</summary>
    internal static async Task<(int Exit, string Output)> RunHostAsync(string[] arguments, string input)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LsiWorkflow.Host.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Lsi"] = TestEnvironment.ConnectionString;
        start.Environment.Remove(CreateAdministratorCommand.PasswordVariable);
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
