using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.People;

/// <summary>Another organisation or other roles: every sign-in of the person ends, so the next one carries the new rights.</summary>
[Allowed(Policies.CanAdministerSystem)]
public sealed record ChangePerson(Actor Actor, Guid PersonId, string Organisation, IReadOnlyList<string> Roles, string? DisplayName, string? Reason)
    : ICommand<PersonView>, IActorMessage;

public sealed class ChangePersonHandler(PeopleAdministration people) : ICommandHandler<ChangePerson, PersonView>
{
    public async ValueTask<PersonView> Handle(ChangePerson command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var user = await people.FindAsync(command.PersonId);
        var before = await people.ViewAsync(user);
        var roles = PeopleAdministration.CheckRoles(command.Roles);
        var organisation = string.Equals(before.Organisation, (command.Organisation ?? "").Trim(), StringComparison.OrdinalIgnoreCase)
            ? before.Organisation // one that has left stays valid for the people still in it
            : await people.OrganisationCodeAsync(command.Organisation ?? "", "organisation");
        if (!roles.Contains(Roles.Admin))
        {
            await people.RefuseLosingLastAdministratorAsync(user, "de rol beheerder afnemen");
        }
        var rightsChange = organisation != before.Organisation || !roles.Order(StringComparer.Ordinal).SequenceEqual(before.Roles);
        user.OrganisationCode = organisation;
        if (!string.IsNullOrWhiteSpace(command.DisplayName))
        {
            user.DisplayName = command.DisplayName.Trim();
        }
        AccountAccess.Check(await people.Users.UpdateAsync(user));
        AccountAccess.Check(await people.Users.RemoveFromRolesAsync(user, before.Roles.Except(roles)));
        AccountAccess.Check(await people.Users.AddToRolesAsync(user, roles.Except(before.Roles)));
        if (rightsChange)
        {
            await people.Access.EndAllSessionsAsync(user, "organisation or roles changed");
        }
        var after = await people.ViewAsync(user);
        if (after != before)
        {
            await people.RecordAsync(command.Actor, "PersonChanged", user.Id, before.Snapshot(), after.Snapshot(), command.Reason);
        }
        return after;
    }
}
