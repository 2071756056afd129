using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace LsiWorkflow.Host.Identity;

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
        ("secretaris", "Secretaris LSI", "SZW", Roles.Secretary),
        ("ministerie", "Medewerker ministerie SZW", "SZW", Roles.MinistryStaff),
        ("beheer", "Beheerder", "SZW", Roles.Admin),
        ("partner.nla", "Partner Nederlandse Arbeidsinspectie", "NLA", Roles.Partner),
        ("partner.ind", "Partner IND", "IND", Roles.Partner),
        ("partner.bd", "Partner Belastingdienst", "BD", Roles.Partner),
        ("partner.dt", "Partner Dienst Toeslagen", "DT", Roles.Partner),
        ("partner.uwv", "Partner UWV", "UWV", Roles.Partner),
        ("partner.svb", "Partner SVB", "SVB", Roles.Partner),
        ("partner.rotterdam", "Partner gemeente Rotterdam", "GEM-ROTTERDAM", Roles.Partner),
        ("partner.vng", "Partner VNG", "VNG", Roles.Partner),
        ("stuurgroep.uwv", "Stuurgroeplid UWV", "UWV", Roles.SteeringGroupMember),
        ("stuurgroep.nla", "Stuurgroeplid Nederlandse Arbeidsinspectie", "NLA", Roles.SteeringGroupMember),
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
