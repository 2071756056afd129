using System.Text.Json;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Notifications;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Runtime.Outbox;
using LsiWorkflow.Runtime.Persistence;
using LsiWorkflow.Runtime.Scheduling;
using Microsoft.EntityFrameworkCore;
using Scriban.Runtime;

namespace LsiWorkflow.Host.Features.Reminders;

/// <summary>
/// Reminders before the planned date of a milestone and the due date of a commitment to parliament: 14 and 3
/// days before and on the day, at nine in the morning Dutch time. The schedule follows the dates: planning
/// cancels the pending reminders of a date that moved or a subject that is done, and plans those of the
/// current date still ahead. It runs in the sweep (so milestones made anywhere get their reminders) and at
/// once when a date changes or a subject is done. A reminder is delivered through the outbox like a task's.
/// </summary>
public sealed class DateReminders(
    IDbContextFactory<LsiDbContext> contexts,
    IWorkflowScheduler scheduler,
    TimeProvider time) : ISweepStep, IDueClaims
{
    public static readonly IReadOnlyList<int> DaysBefore = [14, 3, 0];
    public static readonly TimeOnly At = new(9, 0);

    /// <summary>In the sweep: milestones and commitments made or moved anywhere get their reminders planned.</summary>
    Task ISweepStep.RunAsync(CancellationToken ct) => PlanAsync(null, ct);

    /// <summary>Brings the reminder schedule in line with the dates (of one subject, or all) and wakes the timer job for new reminders.</summary>
    public async Task PlanAsync(Guid? subjectId, CancellationToken ct)
    {
        List<DateTimeOffset> planned;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            planned = await PlanAsync(db, subjectId, ct);
        }
        if (planned.Count > 0)
        {
            await scheduler.WakeAtAsync(planned, ct);
        }
    }

    private async Task<List<DateTimeOffset>> PlanAsync(LsiDbContext db, Guid? subjectId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var days = DaysBefore.ToArray();
        var at = At.ToTimeSpan();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            update lsi.inbox_date_reminders r set status = 'Cancelled'
            where r.status = 'Pending' and ({subjectId}::uuid is null or r.subject_id = {subjectId})
              and not exists (
                select 1 from lsi.milestones m where r.subject = 'Milestone' and m.id = r.subject_id and m.actual_on is null and m.planned_on = r.for_date
                union all
                select 1 from lsi.commitments c where r.subject = 'Commitment' and c.id = r.subject_id and c.status = 'Open' and c.due_on = r.for_date)
            """, ct);
        // A reminder cancelled when its date moved comes back if the date moves back.
        var planned = await db.Database.SqlQuery<DateTimeOffset>($"""
            insert into lsi.inbox_date_reminders as r (id, subject, subject_id, for_date, days_before, due_at, status, created_at)
            select gen_random_uuid(), s.subject, s.id, s.on_date, d.days,
                   ((s.on_date - d.days) + {at}::interval) at time zone 'Europe/Amsterdam', 'Pending', {now}
            from (select 'Milestone' as subject, id, planned_on as on_date from lsi.milestones where actual_on is null
                  union all
                  select 'Commitment', id, due_on from lsi.commitments where status = 'Open') s
            cross join unnest({days}) as d(days)
            where ({subjectId}::uuid is null or s.id = {subjectId})
              and ((s.on_date - d.days) + {at}::interval) at time zone 'Europe/Amsterdam' > {now}
              -- The sweep runs this every minute: rows already planned are left out before the insert, so the
              -- steady state reads and neither writes nor locks.
              and not exists (select 1 from lsi.inbox_date_reminders x
                              where x.subject_id = s.id and x.for_date = s.on_date and x.days_before = d.days and x.status <> 'Cancelled')
            on conflict (subject_id, for_date, days_before) do update set status = 'Pending', due_at = excluded.due_at
              where r.status = 'Cancelled'
            returning r.due_at as "Value"
            """).ToListAsync(ct);
        await tx.CommitAsync(ct);
        return planned;
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> due reminders (skipping those another node holds) and leaves an outbox
    /// message for each, with the reminder's id, in one transaction; the caller delivers the messages.
    /// </summary>
    public async Task<ClaimedBatch> ClaimDueAsync(int limit, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        var claimed = await db.Database.SqlQuery<Guid>($"""
            update lsi.inbox_date_reminders r set status = 'Fired', fired_at = {now}
            from (select id from lsi.inbox_date_reminders where status = 'Pending' and due_at <= {now}
                  order by due_at limit {limit} for update skip locked) c
            where r.id = c.id
            returning r.id as "Value"
            """).ToListAsync(ct);
        db.AddRange(claimed.Select(id => DateReminderNotifier.Fired(id, now)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(claimed.Count, [.. claimed]);
    }
}

/// <summary>
/// The text and the people of a fired date reminder, when it is delivered: a project's milestone goes to the
/// project's organisations (its municipality and participants), every other milestone and every commitment to
/// the secretariat, which answers for them. A subject done by then gets nothing.
/// </summary>
public sealed class DateReminderNotifier(NotificationTemplates templates, MailOptions options) : INoticeSource
{
    public const string OutboxKind = "date-reminder";

    public string Kind => OutboxKind;

    public static OutboxMessage Fired(Guid reminderId, DateTimeOffset now) => new()
    {
        Id = reminderId,
        Kind = OutboxKind,
        Payload = JsonSerializer.Serialize(new { reminderId }),
        CreatedAt = now,
    };

    public async Task<IReadOnlyDictionary<Guid, Notice>> NoticesAsync(DbContext db, IReadOnlyList<OutboxMessage> messages, CancellationToken ct)
    {
        var ids = messages.Select(m => m.Id).ToList();
        var reminders = await db.Set<DateReminder>().AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(ct);
        var subjectIds = reminders.Select(r => r.SubjectId).Distinct().ToList();
        var milestones = await db.Set<Milestone>().AsNoTracking()
            .Where(m => subjectIds.Contains(m.Id) && m.ActualOn == null).ToDictionaryAsync(m => m.Id, ct);
        var commitments = await db.Set<Commitment>().AsNoTracking()
            .Where(c => subjectIds.Contains(c.Id) && c.Status == CommitmentStatus.Open).ToDictionaryAsync(c => c.Id, ct);
        var projectIds = milestones.Values.Where(m => m.Subject == MilestoneSubject.Project).Select(m => m.SubjectId).Distinct().ToList();
        var projects = await db.Set<Project>().AsNoTracking().Where(p => projectIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.MunicipalityId, Participants = p.Participants.Select(x => x.OrganisationId).ToList() })
            .ToDictionaryAsync(p => p.Id, ct);
        var organisationIds = projects.Values.SelectMany(p => p.Participants.Concat(new[] { p.MunicipalityId }.OfType<Guid>())).Distinct().ToList();
        var codes = await db.Set<Organisation>().AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Code, ct);

        var notices = new Dictionary<Guid, Notice>();
        foreach (var reminder in reminders)
        {
            if (milestones.TryGetValue(reminder.SubjectId, out var milestone) && milestone.PlannedOn == reminder.ForDate)
            {
                var project = milestone.Subject == MilestoneSubject.Project ? projects.GetValueOrDefault(milestone.SubjectId) : null;
                var organisations = project is null
                    ? []
                    : new[] { project.MunicipalityId }.Concat(project.Participants.Select(id => (Guid?)id)).OfType<Guid>()
                        .Select(id => codes.GetValueOrDefault(id)).OfType<string>().Distinct().ToList();
                notices[reminder.Id] = Notice(reminder, milestone.Name, project?.Name ?? "", organisations, "milestones");
            }
            else if (commitments.TryGetValue(reminder.SubjectId, out var commitment) && commitment.DueOn == reminder.ForDate)
            {
                notices[reminder.Id] = Notice(reminder, commitment.Text, commitment.SourceLetter, [], "commitments");
            }
        }
        return notices;
    }

    private Notice Notice(DateReminder reminder, string name, string about, IReadOnlyList<string> organisations, string page)
    {
        RenderedNotification Text(string language) => templates.Render(NotificationTemplates.DateReminder, language, Model(reminder, name, about, language, $"{options.PublicBaseUrl.TrimEnd('/')}/{page}"));
        return organisations.Count > 0
            ? new Notice(reminder.Id, organisations, [], [], Text)
            : new Notice(reminder.Id, [], [Roles.Secretary], [], Text);
    }

    /// <summary>What the date-reminder template sees: <c>item.*</c>.</summary>
    public static ScriptObject Model(DateReminder reminder, string name, string about, string language, string url) => new()
    {
        ["item"] = new ScriptObject
        {
            ["kind"] = (reminder.Subject, language) switch
            {
                (DateReminderSubject.Milestone, "en") => "milestone",
                (DateReminderSubject.Milestone, _) => "mijlpaal",
                (_, "en") => "commitment to parliament",
                _ => "toezegging aan de Kamer",
            },
            ["name"] = name,
            ["about"] = about,
            ["date"] = NotificationTemplates.FormatDay(reminder.ForDate, language),
            ["days_left"] = reminder.DaysBefore,
            ["url"] = url,
        },
    };
}
