using LsiWorkflow.Domain;
using LsiWorkflow.Domain.Seed;
using LsiWorkflow.Host.Features.Audit;
using LsiWorkflow.Host.Features.Publications;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Shared.Startup;

/// <summary>
/// Stores the letter's facts (<see cref="LetterSeed"/>). Insert-only by stable id: a row that exists is left
/// alone, even when people have changed it since (a follow-up action moved on), so seeding twice changes nothing
/// and never undoes anyone's work. Each inserted root gets one audit line; skipped ones get none. The one
/// exception fills in agenda days an earlier seed left empty, never replacing one.
/// </summary>
public sealed class LetterSeeder(LsiDbContext db, AuditTrail audit, ILogger<LetterSeeder> log)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var seed = LetterSeed.Build();
        var added = 0;
        foreach (var organisation in seed.Organisations)
        {
            added += await AddMissingAsync(organisation, $"Organisatie {organisation.Code}: {organisation.Name}", cancellationToken);
        }

        added += await AddMissingAsync(seed.SteeringGroup, $"{seed.SteeringGroup.Name} met {seed.SteeringGroup.Members.Count} leden", cancellationToken);
        added += await AddMissingAsync(seed.Covenant, $"{seed.Covenant.Title} ({seed.Covenant.PublicationReference})", cancellationToken);
        added += await AddMissingAsync(seed.Evaluation,
            $"Evaluatie {seed.Evaluation.FirstYear}–{seed.Evaluation.LastYear} met aanbevelingen {string.Join(", ", seed.Evaluation.Recommendations.Select(r => r.Number))}",
            cancellationToken);
        added += await AddMissingAsync(seed.JointAreaBasedDpia, seed.JointAreaBasedDpia.Title, cancellationToken);
        foreach (var commitment in seed.Commitments)
        {
            added += await AddMissingAsync(commitment, $"Toezegging, uiterlijk {commitment.DueOn:yyyy-MM-dd}: {commitment.Text}", cancellationToken);
        }

        added += await AddMissingAsync(seed.Plan, seed.Plan.Title, cancellationToken);
        var planned = await FillInPlannedDaysAsync(seed.Plan, cancellationToken);
        foreach (var milestone in seed.Milestones)
        {
            added += await AddMissingAsync(milestone, $"Mijlpaal {milestone.Name}, gepland {milestone.PlannedOn:yyyy-MM-dd}", cancellationToken);
        }

        foreach (var publication in PublicationSeed.Build())
        {
            added += await AddMissingAsync(publication, $"Publicatie {publication.Kind}: {publication.Title}", cancellationToken);
        }

        // Roots are saved one by one above, in dependency order, so a later one can rely on the earlier ones' keys.
        log.LogInformation("Letter seed: {Added} new record(s), {Planned} agenda day(s) filled in", added, planned);
    }

    /// <summary>
    /// The one correction insert-only needs: agenda items stored before they had a day get the letter's day
    /// (see <see cref="LetterSeed.FillInPlannedDays"/>); nothing else of a stored row is touched.
    /// </summary>
    private async Task<int> FillInPlannedDaysAsync(MultiYearPlan seeded, CancellationToken cancellationToken)
    {
        var stored = await db.Set<MultiYearPlan>().SingleAsync(p => p.Id == seeded.Id, cancellationToken);
        var planned = LetterSeed.FillInPlannedDays(stored, seeded);
        foreach (var item in planned)
        {
            audit.Record(Actor.System, "Seeded", stored, $"Agendapunt {item.Year} gepland op {item.PlannedOn:yyyy-MM-dd}: {item.Title}", "Datum uit de " + LetterSeed.LetterTitle);
        }

        if (planned.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return planned.Count;
    }

    private async Task<int> AddMissingAsync<T>(T root, string what, CancellationToken cancellationToken)
        where T : Entity
    {
        if (await db.Set<T>().AnyAsync(e => e.Id == root.Id, cancellationToken))
        {
            return 0;
        }

        db.Add(root);
        audit.Record(Actor.System, "Seeded", root, what, "Gegevens uit de " + LetterSeed.LetterTitle);
        await db.SaveChangesAsync(cancellationToken);
        return 1;
    }
}
