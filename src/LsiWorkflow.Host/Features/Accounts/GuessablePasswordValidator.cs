using Microsoft.AspNetCore.Identity;

namespace LsiWorkflow.Host.Features.Accounts;

/// <summary>
/// On top of Identity's rules (length, character kinds): a password may not contain the user name or the e-mail
/// name, not be mostly one character, and not be built on the words people try first.
/// </summary>
internal sealed class GuessablePasswordValidator : IPasswordValidator<LsiUser>
{
    private static readonly string[] FirstGuesses = ["wachtwoord", "welkom", "welcome", "qwerty", "azerty", "123456", "abcdef", "lsiworkflow", "admin", "beheer"];

    public Task<IdentityResult> ValidateAsync(UserManager<LsiUser> manager, LsiUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success); // the required-length rule speaks
        }
        var lower = password.ToLowerInvariant();
        var own = new[] { user.UserName, user.Email?.Split('@')[0] }.Where(p => p is { Length: >= 3 }).Select(p => p!.ToLowerInvariant());
        if (own.Any(p => lower.Contains(p, StringComparison.Ordinal)))
        {
            return Fail("PasswordContainsUserName", "Het wachtwoord mag de gebruikersnaam of het e-mailadres niet bevatten.");
        }
        if (password.Distinct().Count() < 6)
        {
            return Fail("PasswordTooRepetitive", "Het wachtwoord moet minstens zes verschillende tekens bevatten.");
        }
        if (FirstGuesses.Any(g => lower.Contains(g, StringComparison.Ordinal)))
        {
            return Fail("PasswordTooCommon", "Het wachtwoord bevat een woord dat als eerste geraden wordt.");
        }
        return Task.FromResult(IdentityResult.Success);
    }

    private static Task<IdentityResult> Fail(string code, string description) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = code, Description = description }));
}
