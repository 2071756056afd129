using System.Security.Cryptography;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Access;
using Microsoft.AspNetCore.Identity;

namespace LsiWorkflow.Host.Features.Accounts;

/// <summary>Roles always; demo users only in Development (never in Production).</summary>
public sealed class IdentitySeeder(
    RoleManager<IdentityRole<Guid>> roles,
    UserManager<LsiUser> users,
    IConfiguration configuration,
    ILogger<IdentitySeeder> log)
{
    public const string DemoDomain = "demo.lsi.local";

    /// <summary>One demo user per role and organisation: (user name, display name, organisation, role).</summary>
    public static readonly IReadOnlyList<(string UserName, string DisplayName, string Organisation, string Role)> DemoUsers =
    [
        ("secretaris", "Secretaris LSI", Organisations.Szw, Roles.Secretary),
        ("ministerie", "Medewerker ministerie SZW", Organisations.Szw, Roles.MinistryStaff),
        ("beheer", "Beheerder", Organisations.Szw, Roles.Admin),
        ("partner.nla", "Partner Nederlandse Arbeidsinspectie", Organisations.Arbeidsinspectie, Roles.Partner),
        ("partner.ind", "Partner IND", Organisations.Ind, Roles.Partner),
        ("partner.bd", "Partner Belastingdienst", Organisations.Belastingdienst, Roles.Partner),
        ("partner.dt", "Partner Dienst Toeslagen", Organisations.DienstToeslagen, Roles.Partner),
        ("partner.uwv", "Partner UWV", Organisations.Uwv, Roles.Partner),
        ("partner.svb", "Partner SVB", Organisations.Svb, Roles.Partner),
        ("partner.rotterdam", "Partner gemeente Rotterdam", Organisations.Rotterdam, Roles.Partner),
        ("partner.vng", "Partner VNG", Organisations.Vng, Roles.Partner),
        ("stuurgroep.uwv", "Stuurgroeplid UWV", Organisations.Uwv, Roles.SteeringGroupMember),
        ("stuurgroep.nla", "Stuurgroeplid Nederlandse Arbeidsinspectie", Organisations.Arbeidsinspectie, Roles.SteeringGroupMember),
    ];

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole<Guid>(role)), role);
            }
        }
    }

    /// <summary>
    /// Creates the demo users, or gives them the password of this start. The password comes from
    /// configuration (<c>Seed:DemoPassword</c>) or is made up now, so no password lives in the repository.
    /// </summary>
    public async Task<string> EnsureDemoUsersAsync()
    {
        var password = configuration["Seed:DemoPassword"];
        if (string.IsNullOrWhiteSpace(password))
        {
            password = "Lsi-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        }
        foreach (var (userName, displayName, organisation, role) in DemoUsers)
        {
            var user = await users.FindByNameAsync(userName);
            if (user is null)
            {
                user = new LsiUser
                {
                    UserName = userName,
                    Email = $"{userName}@{DemoDomain}",
                    EmailConfirmed = true,
                    DisplayName = displayName,
                    OrganisationCode = organisation,
                    IsDemo = true,
                };
                Check(await users.CreateAsync(user, password), userName);
                Check(await users.AddToRoleAsync(user, role), userName);
            }
            else
            {
                var token = await users.GeneratePasswordResetTokenAsync(user);
                Check(await users.ResetPasswordAsync(user, token, password), userName);
                await users.SetLockoutEndDateAsync(user, null);
            }
        }
        log.LogInformation("Demo users ready; sign in as {UserNames} with password {DemoPassword}",
            string.Join(", ", DemoUsers.Select(u => u.UserName)), password);
        return password;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding {what} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
