using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Features.Audit;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.People;

/// <summary>What the people use cases share: finding a person, their view, checks, and the audit line of a change.</summary>
public sealed class PeopleAdministration(UserManager<LsiUser> users, LsiDbContext db, AuditTrail audit, AccountAccess access, TimeProvider clock)
{
    public const string SubjectType = "Person";

    public UserManager<LsiUser> Users => users;

    public AccountAccess Access => access;

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<LsiUser> FindAsync(Guid id) =>
        await users.FindByIdAsync(id.ToString()) ?? throw new NotFoundException($"Persoon {id} bestaat niet.");

    public async Task<PersonView> ViewAsync(LsiUser user) => PersonView.Of(user, await users.GetRolesAsync(user), clock.GetUtcNow());

    public async Task<string> OrganisationCodeAsync(string code, string field)
    {
        var wanted = (code ?? "").Trim().ToUpperInvariant();
        var organisation = await db.Set<Organisation>().AsNoTracking().SingleOrDefaultAsync(o => o.Code == wanted)
            ?? throw Invalid(field, $"Organisatie '{code}' bestaat niet.");
        return organisation.HasLeft ? throw Invalid(field, $"{organisation.Name} heeft de samenwerking verlaten.") : organisation.Code;
    }

    public static IReadOnlyList<string> CheckRoles(IReadOnlyList<string>? roles)
    {
        var unknown = (roles ?? []).Where(r => !Roles.All.Contains(r)).ToList();
        if (unknown.Count > 0)
        {
            throw Invalid("roles", $"Onbekende rol: {string.Join(", ", unknown)}. Mogelijk: {string.Join(", ", Roles.All)}.");
        }
        return [.. (roles ?? []).Distinct()];
    }

    /// <summary>The cooperation cannot lose its last administrator through the product itself.</summary>
    public async Task RefuseLosingLastAdministratorAsync(LsiUser user, string what)
    {
        if (!await users.IsInRoleAsync(user, Roles.Admin))
        {
            return;
        }
        var others = (await users.GetUsersInRoleAsync(Roles.Admin)).Count(u => u.Id != user.Id && u.DisabledAt is null);
        if (others == 0)
        {
            throw new ConflictException("Laatste beheerder", $"{user.DisplayName} is de laatste beheerder: {what} kan niet. Maak eerst een andere beheerder.");
        }
    }

    /// <summary>An audit line, saved at once: Identity has already saved the change itself.</summary>
    public async Task RecordAsync(Actor actor, string action, Guid personId, object? before, object? after, string? why)
    {
        var entry = audit.Record(actor, action, SubjectType, personId, AuditTrail.AsJson(new { before, after }), why);
        ArgumentNullException.ThrowIfNull(entry);
        await db.SaveChangesAsync();
    }

    public static InvalidRequestException Invalid(string field, string message) =>
        new(message) { Errors = new Dictionary<string, string[]> { [field] = [message] } };
}
