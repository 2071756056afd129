using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.People;

/// <summary>Disabling ends every sign-in of the person at once and refuses new ones until re-enabled.</summary>
[Allowed(Policies.CanAdministerSystem)]
public sealed record DisablePerson(Actor Actor, Guid PersonId, string? Reason) : ICommand<PersonView>, IActorMessage;

[Allowed(Policies.CanAdministerSystem)]
public sealed record EnablePerson(Actor Actor, Guid PersonId, string? Reason) : ICommand<PersonView>, IActorMessage;

/// <summary>Lifts a lockout after wrong passwords; the person signs in again with their own password.</summary>
[Allowed(Policies.CanAdministerSystem)]
public sealed record UnlockPerson(Actor Actor, Guid PersonId, string? Reason) : ICommand<PersonView>, IActorMessage;

/// <summary>
/// Removes the account. What the person did stays as it was recorded: decisions, journal and audit lines keep
/// the name they were made under.
/// </summary>
[Allowed(Policies.CanAdministerSystem)]
public sealed record RemovePerson(Actor Actor, Guid PersonId, string? Reason) : ICommand, IActorMessage;

public sealed class DisablePersonHandler(PeopleAdministration people) : ICommandHandler<DisablePerson, PersonView>
{
    public async ValueTask<PersonView> Handle(DisablePerson command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var user = await people.FindAsync(command.PersonId);
        var before = await people.ViewAsync(user);
        if (before.Disabled)
        {
            return before; // a repeated request changes nothing and records nothing
        }
        if (command.Actor.UserName == user.UserName)
        {
            throw new ConflictException("Eigen account", "U kunt uw eigen account niet uitschakelen.");
        }
        await people.RefuseLosingLastAdministratorAsync(user, "uitschakelen");
        user.DisabledAt = people.Now;
        Accounts.AccountAccess.Check(await people.Users.UpdateAsync(user));
        await people.Access.EndAllSessionsAsync(user, "account disabled");
        var after = await people.ViewAsync(user);
        await people.RecordAsync(command.Actor, "PersonDisabled", user.Id, before.Snapshot(), after.Snapshot(), command.Reason);
        return after;
    }
}

public sealed class EnablePersonHandler(PeopleAdministration people) : ICommandHandler<EnablePerson, PersonView>
{
    public async ValueTask<PersonView> Handle(EnablePerson command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var user = await people.FindAsync(command.PersonId);
        var before = await people.ViewAsync(user);
        if (!before.Disabled)
        {
            return before;
        }
        user.DisabledAt = null;
        Accounts.AccountAccess.Check(await people.Users.UpdateAsync(user));
        var after = await people.ViewAsync(user);
        await people.RecordAsync(command.Actor, "PersonEnabled", user.Id, before.Snapshot(), after.Snapshot(), command.Reason);
        return after;
    }
}

public sealed class UnlockPersonHandler(PeopleAdministration people) : ICommandHandler<UnlockPerson, PersonView>
{
    public async ValueTask<PersonView> Handle(UnlockPerson command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var user = await people.FindAsync(command.PersonId);
        var before = await people.ViewAsync(user);
        Accounts.AccountAccess.Check(await people.Users.SetLockoutEndDateAsync(user, null));
        Accounts.AccountAccess.Check(await people.Users.ResetAccessFailedCountAsync(user));
        var after = await people.ViewAsync(user);
        if (before.LockedUntil is { } until)
        {
            await people.RecordAsync(command.Actor, "PersonUnlocked", user.Id, new { LockedUntil = until }, new { LockedUntil = (DateTimeOffset?)null }, command.Reason);
        }
        return after;
    }
}

public sealed class RemovePersonHandler(PeopleAdministration people) : ICommandHandler<RemovePerson>
{
    public async ValueTask<Unit> Handle(RemovePerson command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var user = await people.FindAsync(command.PersonId);
        if (command.Actor.UserName == user.UserName)
        {
            throw new ConflictException("Eigen account", "U kunt uw eigen account niet verwijderen.");
        }
        await people.RefuseLosingLastAdministratorAsync(user, "verwijderen");
        var before = await people.ViewAsync(user);
        await people.Access.EndAllSessionsAsync(user, "account removed");
        Accounts.AccountAccess.Check(await people.Users.DeleteAsync(user));
        await people.RecordAsync(command.Actor, "PersonRemoved", user.Id, before.Snapshot(), null, command.Reason);
        return Unit.Value;
    }
}
