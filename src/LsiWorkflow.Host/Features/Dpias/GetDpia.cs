using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Dpias;

[Allowed(Policies.AnyRole, System = true)]
public sealed record GetDpia(Actor Actor, Guid DpiaId) : IQuery<DpiaView>, IActorMessage;

public sealed class GetDpiaHandler(LsiDbContext db, DpiaChanges dpias) : IQueryHandler<GetDpia, DpiaView>
{
    public async ValueTask<DpiaView> Handle(GetDpia query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var dpia = await db.Set<Dpia>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == query.DpiaId, cancellationToken)
            ?? throw new NotFoundException($"DPIA {query.DpiaId} bestaat niet.");
        return await dpias.ViewAsync(dpia, cancellationToken);
    }
}
