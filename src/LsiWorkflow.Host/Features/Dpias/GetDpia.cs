using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Dpias;

public sealed record GetDpia(Guid DpiaId) : IQuery<DpiaView>;

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
