using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Access;
using Microsoft.AspNetCore.Identity;

namespace LsiWorkflow.Host.Features.Accounts;

/// <summary>
/// The <c>create-admin</c> command: <c>create-admin USER E-MAIL [ORGANISATION]</c> makes the first administrator,
/// or gives an existing account the Admin role, a new password, and lifts a disablement or lockout (ending its
/// sessions). The password comes from the environment variable <see cref="PasswordVariable"/> or, without it, from
/// the first line of standard input; it is never an argument (which would land in the shell's history and the
/// process list) and never logged.
/// </summary>
public sealed class CreateAdministratorCommand(
    UserManager<LsiUser> users,
    IdentitySeeder seeder,
    AccountAccess access,
    ILogger<CreateAdministratorCommand> log)
{
    public const string Name = "create-admin";
    public const string PasswordVariable = "LSI_ADMIN_PASSWORD";

    /// <summary>Returns 0, or 2 with one log line saying what is wrong.</summary>
    public async Task<int> RunAsync(IReadOnlyList<string> arguments, Func<string?> readPassword)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(readPassword);
        if (arguments.Count is < 2 or > 3 || !arguments[1].Contains('@', StringComparison.Ordinal))
        {
            log.LogCritical("Usage: create-admin USER E-MAIL [ORGANISATION], the password in {Variable} or on standard input", PasswordVariable);
            return 2;
        }
        var (userName, email) = (arguments[0].Trim(), arguments[1].Trim());
        var organisation = arguments.Count == 3 ? arguments[2].Trim().ToUpperInvariant() : Organisations.Szw;
        var password = readPassword();
        if (string.IsNullOrEmpty(password))
        {
            log.LogCritical("No password: set {Variable} or give it on standard input", PasswordVariable);
            return 2;
        }

        await seeder.EnsureRolesAsync();
        var user = await users.FindByNameAsync(userName);
        var created = user is null;
        if (user is null)
        {
            user = new LsiUser { UserName = userName, Email = email, EmailConfirmed = true, DisplayName = userName, OrganisationCode = organisation };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                return Refused(result);
            }
        }
        else
        {
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, user, password);
                if (!result.Succeeded)
                {
                    return Refused(result);
                }
            }
            AccountAccess.Check(await users.RemovePasswordAsync(user));
            AccountAccess.Check(await users.AddPasswordAsync(user, password));
            user.DisabledAt = null;
            AccountAccess.Check(await users.UpdateAsync(user));
            AccountAccess.Check(await users.SetLockoutEndDateAsync(user, null));
            AccountAccess.Check(await users.ResetAccessFailedCountAsync(user));
            await access.EndAllSessionsAsync(user, "administrator reset by command");
        }
        if (!await users.IsInRoleAsync(user, Roles.Admin))
        {
            AccountAccess.Check(await users.AddToRoleAsync(user, Roles.Admin));
        }
        // The id, not the name or address: logs are read by more people than administrators.
        if (created)
        {
            log.LogInformation("Administrator {UserId} created", user.Id);
        }
        else
        {
            log.LogInformation("Administrator {UserId} reset: new password, enabled, sessions ended", user.Id);
        }
        return 0;
    }

    private int Refused(IdentityResult result)
    {
        log.LogCritical("Password or account refused: {Problems}", string.Join(" ", result.Errors.Select(e => e.Description)));
        return 2;
    }

    /// <summary>The environment variable, else one line of standard input (not echoed when it is a terminal).</summary>
    public static string? ReadPassword()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(PasswordVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }
        if (!Console.IsInputRedirected)
        {
            Console.Error.Write("Password: ");
            var typed = new System.Text.StringBuilder();
            for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
            {
                if (key.Key == ConsoleKey.Backspace && typed.Length > 0)
                {
                    typed.Length--;
                }
                else if (!char.IsControl(key.KeyChar))
                {
                    typed.Append(key.KeyChar);
                }
            }
            Console.Error.WriteLine();
            return typed.ToString();
        }
        return Console.In.ReadLine();
    }
}
