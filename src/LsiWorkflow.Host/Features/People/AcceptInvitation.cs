using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.Extensions.Options;

namespace LsiWorkflow.Host.Features.People;

/// <summary>
/// The invited person chooses a password with the link of their mail. The link is one-time: choosing a password
/// changes the account's security stamp, which the link's token was made with.
/// </summary>
[Allowed(Policies.Public)]
public sealed record AcceptInvitation(Actor Actor, Guid PersonId, string Token, string Password) : ICommand, IActorMessage;

public sealed class AcceptInvitationHandler(PeopleAdministration people, IOptions<AccountOptions> options) : ICommandHandler<AcceptInvitation>
{
    public const string Refusal = "Deze link is verlopen of al gebruikt. Vraag de beheerder om een nieuwe uitnodiging.";

    public async ValueTask<Unit> Handle(AcceptInvitation command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var user = await people.Users.FindByIdAsync(command.PersonId.ToString());
        if (user is null || user.DisabledAt is not null || string.IsNullOrEmpty(command.Token))
        {
            throw new ConflictException("Link ongeldig", Refusal);
        }
        // The token carries its own age too, but on the server's clock only; the invitation's age is the rule.
        if (user.InvitedAt is { } invited && people.Now - invited > options.Value.InvitationLifetime)
        {
            throw new ConflictException("Link ongeldig", Refusal);
        }
        if (!await people.Users.VerifyUserTokenAsync(user, people.Users.Options.Tokens.PasswordResetTokenProvider, UserManager.ResetPasswordPurpose, command.Token))
        {
            throw new ConflictException("Link ongeldig", Refusal);
        }
        var result = await people.Users.ResetPasswordAsync(user, command.Token, command.Password ?? "");
        if (!result.Succeeded)
        {
            var message = string.Join(" ", result.Errors.Select(e => e.Description));
            throw PeopleAdministration.Invalid("password", message);
        }
        user.InvitedAt = null;
        AccountAccess.Check(await people.Users.UpdateAsync(user));
        await people.Access.EndAllSessionsAsync(user, "password set");
        return Unit.Value;
    }

    private static class UserManager
    {
        public const string ResetPasswordPurpose = Microsoft.AspNetCore.Identity.UserManager<LsiUser>.ResetPasswordTokenPurpose;
    }
}
