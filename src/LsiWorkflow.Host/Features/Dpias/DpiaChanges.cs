using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Audit;
using LsiWorkflow.Host.Features.Cooperation;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Dpias;

public sealed record DpiaView(
    Guid Id,
    DpiaKind Kind,
    string Title,
    DpiaStatus Status,
    Guid? ProjectId,
    DateOnly? AdoptedOn,
    DateOnly? SentToParliamentOn,
    IReadOnlyList<DpiaApprovalView> Approvals);

public sealed record DpiaApprovalView(string Organisation, string PersonName, DateOnly ApprovedOn);

/// <summary>Loads a DPIA, applies one step of its life, and records it with the change in one save.</summary>
public sealed class DpiaChanges(LsiDbContext db, AuditTrail audit, TimeProvider clock)
{
    public async ValueTask<Dpia> ApplyAsync(Actor actor, Guid dpiaId, string action, string? why, Func<Dpia, DateOnly, string> change, CancellationToken cancellationToken)
    {
        var dpia = await db.Set<Dpia>().SingleOrDefaultAsync(d => d.Id == dpiaId, cancellationToken)
            ?? throw new NotFoundException($"DPIA {dpiaId} bestaat niet.");
        var today = clock.Today();
        var what = change(dpia, today);
        audit.Record(actor, action, dpia, what, why, dpia.ProjectId);
        await db.SaveChangesAsync(cancellationToken);
        return dpia;
    }

    public async ValueTask<DpiaView> ViewAsync(Dpia dpia, CancellationToken cancellationToken) =>
        (await ViewsAsync([dpia], cancellationToken))[0];

    public async ValueTask<IReadOnlyList<DpiaView>> ViewsAsync(IReadOnlyList<Dpia> dpias, CancellationToken cancellationToken)
    {
        var codes = await db.OrganisationCodesAsync(cancellationToken);
        return
        [
            .. dpias.Select(d => new DpiaView(d.Id, d.Kind, d.Title, d.Status, d.ProjectId, d.AdoptedOn, d.SentToParliamentOn,
                [.. d.Approvals.Select(a => new DpiaApprovalView(codes.GetValueOrDefault(a.OrganisationId, a.OrganisationId.ToString()), a.PersonName, a.ApprovedOn))])),
        ];
    }
}
