using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Covenants;

public sealed record CovenantView(
    Guid Id,
    int VersionYear,
    string Title,
    DateOnly? SignedOn,
    string? PublicationReference,
    int EvaluationIntervalYears,
    DateOnly? NextEvaluationDue,
    IReadOnlyList<SignatoryView> Signatories);

public sealed record SignatoryView(string Organisation, string Name, DateOnly SignedOn);

/// <summary>One version by year, or else the one in force: the newest signed version.</summary>
[Allowed(Policies.AnyRole)]
public sealed record GetCovenant(Actor Actor, int? VersionYear = null) : IQuery<CovenantView>, IActorMessage;

public sealed class GetCovenantHandler(LsiDbContext db, TimeProvider clock) : IQueryHandler<GetCovenant, CovenantView>
{
    public async ValueTask<CovenantView> Handle(GetCovenant query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var covenants = db.Set<Covenant>().AsNoTracking();
        var covenant = query.VersionYear is { } year
            ? await covenants.SingleOrDefaultAsync(c => c.VersionYear == year, cancellationToken)
            : await covenants.Where(c => c.SignedOn != null).OrderByDescending(c => c.VersionYear).FirstOrDefaultAsync(cancellationToken);
        if (covenant is null)
        {
            throw new NotFoundException(query.VersionYear is null ? "Er is geen ondertekend convenant." : $"Er is geen convenant van {query.VersionYear}.");
        }

        var organisations = await db.Set<Organisation>().AsNoTracking().ToDictionaryAsync(o => o.Id, cancellationToken);
        return new CovenantView(
            covenant.Id,
            covenant.VersionYear,
            covenant.Title,
            covenant.SignedOn,
            covenant.PublicationReference,
            covenant.EvaluationIntervalYears,
            covenant.SignedOn is null ? null : covenant.NextEvaluationDue(clock.Today()),
            [
                .. covenant.Signatories
                    .Select(s => (Signatory: s, Organisation: organisations.GetValueOrDefault(s.OrganisationId)))
                    .OrderBy(s => s.Organisation?.Name, StringComparer.Ordinal)
                    .Select(s => new SignatoryView(s.Organisation?.Code ?? s.Signatory.OrganisationId.ToString(), s.Organisation?.Name ?? "", s.Signatory.SignedOn)),
            ]);
    }
}
