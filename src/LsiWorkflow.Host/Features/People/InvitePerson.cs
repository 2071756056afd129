using System.Net.Mail;
using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Features.Notifications;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.Extensions.Options;
using MimeKit;
using Scriban.Runtime;

namespace LsiWorkflow.Host.Features.People;

/// <summary>
/// Makes an account without a password and mails the person a link to choose one; the link works once, for
/// <see cref="AccountOptions.InvitationLifetime"/>. The user name is the e-mail address unless one is given.
/// </summary>
[Allowed(Policies.CanAdministerSystem)]
public sealed record InvitePerson(Actor Actor, string Email, string DisplayName, string Organisation, IReadOnlyList<string> Roles, string? UserName = null)
    : ICommand<PersonView>, IActorMessage;

public sealed class InvitePersonHandler(PeopleAdministration people, Invitations invitations) : ICommandHandler<InvitePerson, PersonView>
{
    public async ValueTask<PersonView> Handle(InvitePerson command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var email = (command.Email ?? "").Trim();
        if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            throw PeopleAdministration.Invalid("email", "Geef een geldig e-mailadres.");
        }
        if (string.IsNullOrWhiteSpace(command.DisplayName))
        {
            throw PeopleAdministration.Invalid("displayName", "Geef de naam van de persoon.");
        }
        var organisation = await people.OrganisationCodeAsync(command.Organisation, "organisation");
        var roles = PeopleAdministration.CheckRoles(command.Roles);
        var userName = string.IsNullOrWhiteSpace(command.UserName) ? email : command.UserName.Trim();
        if (await people.Users.FindByEmailAsync(email) is not null || await people.Users.FindByNameAsync(userName) is not null)
        {
            throw new ConflictException("Bestaat al", $"Er is al een account voor {email} of met gebruikersnaam {userName}.");
        }
        var user = new LsiUser
        {
            UserName = userName,
            Email = email,
            EmailConfirmed = true, // the link arrives at this address: using it confirms it
            DisplayName = command.DisplayName.Trim(),
            OrganisationCode = organisation,
            InvitedAt = people.Now,
        };
        AccountAccess.Check(await people.Users.CreateAsync(user));
        foreach (var role in roles)
        {
            AccountAccess.Check(await people.Users.AddToRoleAsync(user, role));
        }
        var view = await people.ViewAsync(user);
        await people.RecordAsync(command.Actor, "PersonInvited", user.Id, null, view.Snapshot(), null);
        await invitations.SendAsync(user, cancellationToken);
        return view;
    }
}

/// <summary>The invitation mail, through the mail writer every notification uses, in the default mail language.</summary>
public sealed class Invitations(PeopleAdministration people, NotificationTemplates templates, MailWriter mail, MailOptions options, IOptions<AccountOptions> accounts)
{
    public const string Template = "account-invitation";

    public static string Link(MailOptions options, Guid userId, string token)
    {
        ArgumentNullException.ThrowIfNull(options);
        return $"{options.PublicBaseUrl.TrimEnd('/')}/account/invitation?user={userId:D}&token={Uri.EscapeDataString(token)}";
    }

    public async Task SendAsync(LsiUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = await people.Users.GeneratePasswordResetTokenAsync(user);
        var model = new ScriptObject
        {
            ["invitation"] = new ScriptObject
            {
                ["name"] = user.DisplayName,
                ["user_name"] = user.UserName,
                ["url"] = Link(options, user.Id, token),
                ["valid_until"] = NotificationTemplates.FormatMoment(people.Now + accounts.Value.InvitationLifetime, options.Language),
            },
        };
        var text = templates.Render(Template, options.Language, model);
        var messageId = Guid.NewGuid();
        var failures = await mail.SendAsync([new OutgoingMail(messageId, $"{messageId:N}", [new MailboxAddress(user.DisplayName, user.Email ?? throw new InvalidOperationException("An invited person has an address."))], text)], cancellationToken);
        if (failures.Count > 0)
        {
            throw new ConflictException("Mail niet verstuurd", "Het account is gemaakt, maar de uitnodiging kon niet worden verstuurd; stuur haar opnieuw.");
        }
    }
}
