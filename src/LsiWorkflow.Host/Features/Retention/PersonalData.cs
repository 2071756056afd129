using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Features.Calendar;
using LsiWorkflow.Host.Features.Notifications;
using LsiWorkflow.Host.Features.Tasks;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Persistence;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Retention;

/// <summary>Everything the product keeps about one person, for a request to see one's own data (AVG art. 15).</summary>
public sealed record PersonalDataExport(
    string UserName,
    string? DisplayName,
    string? Email,
    string? Organisation,
    IReadOnlyList<string> Roles,
    IReadOnlyList<PersonalDataExport.Notification> Notifications,
    IReadOnlyList<PersonalDataExport.Decision> Decisions,
    IReadOnlyList<PersonalDataExport.AuditLine> AuditLines,
    IReadOnlyList<string> SavedViews,
    IReadOnlyList<string> Substitutes)
{
    public sealed record Notification(DateTimeOffset CreatedAt, string Subject, string Body, DateTimeOffset? ReadAt);

    public sealed record Decision(Guid TaskId, string Title, string? Outcome, string? Comment, DateTimeOffset? DecidedAt);

    public sealed record AuditLine(DateTimeOffset At, string Action, string What, string? Why);
}

[Allowed(Policies.CanAdministerSystem)]
public sealed record ExportPersonalData(Actor Actor, string UserName) : IQuery<PersonalDataExport>, IActorMessage;

public sealed class ExportPersonalDataHandler(LsiDbContext db, UserManager<LsiUser> users) : IQueryHandler<ExportPersonalData, PersonalDataExport>
{
    public async ValueTask<PersonalDataExport> Handle(ExportPersonalData query, CancellationToken cancellationToken)
    {
        var name = query.UserName;
        var user = await users.FindByNameAsync(name);
        var notifications = await db.Set<UserNotification>().AsNoTracking().Where(n => n.UserName == name).OrderBy(n => n.CreatedAt)
            .Select(n => new PersonalDataExport.Notification(n.CreatedAt, n.Subject, n.Body, n.ReadAt)).ToListAsync(cancellationToken);
        var decisions = await db.Set<TaskRecord>().AsNoTracking().Where(t => t.CompletedBy == name).OrderBy(t => t.ClosedAt)
            .Select(t => new PersonalDataExport.Decision(t.Id, t.Title, t.Outcome, t.Comment, t.ClosedAt)).ToListAsync(cancellationToken);
        var audit = await db.Set<AuditEntry>().AsNoTracking().Where(a => a.ActorUserName == name).OrderBy(a => a.At)
            .Select(a => new PersonalDataExport.AuditLine(a.At, a.Action, a.What, a.Why)).ToListAsync(cancellationToken);
        var views = await db.Set<SavedTaskView>().AsNoTracking().Where(v => v.UserName == name).Select(v => v.Name).ToListAsync(cancellationToken);
        var substitutes = await db.Set<Absence>().AsNoTracking().Where(a => a.UserName == name).Select(a => a.SubstituteUserName).ToListAsync(cancellationToken);
        if (user is null && notifications.Count == 0 && decisions.Count == 0 && audit.Count == 0)
        {
            throw new NotFoundException($"Over '{name}' is niets bekend.");
        }
        return new(name, user?.DisplayName, user?.Email, user?.OrganisationCode, user is null ? [] : [.. await users.GetRolesAsync(user)],
            notifications, decisions, audit, views, substitutes);
    }
}

/// <summary>What an erasure removed.</summary>
public sealed record Erased(int Notifications, int NotificationSettings, int SavedViews, int Absences, int CalendarTokens);

/// <summary>
/// Erases a person's personal data outside the archive, for an account that was removed: notifications, settings,
/// saved views, absences and calendar addresses. Decisions, comments on them, journals and the audit trail stay, as
/// the archive requires, naming the person by the name they had. Refused while the account still exists.
/// </summary>
[Allowed(Policies.CanAdministerSystem)]
public sealed record ErasePersonalData(Actor Actor, string UserName) : ICommand<Erased>, IActorMessage;

public sealed class ErasePersonalDataHandler(LsiDbContext db, UserManager<LsiUser> users, ILogger<ErasePersonalDataHandler> log)
    : ICommandHandler<ErasePersonalData, Erased>
{
    public async ValueTask<Erased> Handle(ErasePersonalData command, CancellationToken cancellationToken)
    {
        var name = command.UserName;
        if (await users.FindByNameAsync(name) is not null)
        {
            throw new ConflictException("Account bestaat nog", $"Het account '{name}' bestaat nog; verwijder eerst het account.");
        }
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var erased = new Erased(
            await db.Set<UserNotification>().Where(n => n.UserName == name).ExecuteDeleteAsync(cancellationToken),
            await db.Set<NotificationSettings>().Where(s => s.UserName == name).ExecuteDeleteAsync(cancellationToken),
            await db.Set<SavedTaskView>().Where(v => v.UserName == name).ExecuteDeleteAsync(cancellationToken),
            await db.Set<Absence>().Where(a => a.UserName == name || a.SubstituteUserName == name).ExecuteDeleteAsync(cancellationToken),
            await db.Set<CalendarFeedToken>().Where(t => t.UserName == name).ExecuteDeleteAsync(cancellationToken));
        await tx.CommitAsync(cancellationToken);
        log.LogInformation("Personal data of a removed account erased by {Admin}: {Erased}", command.Actor.UserName, erased);
        return erased;
    }
}
