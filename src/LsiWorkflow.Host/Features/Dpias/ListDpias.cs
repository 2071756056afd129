using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Dpias;

[Allowed(Policies.AnyRole)]
public sealed record ListDpias(Actor Actor, DpiaKind? Kind = null, Guid? ProjectId = null) : IQuery<IReadOnlyList<DpiaView>>, IActorMessage;

public sealed class ListDpiasHandler(LsiDbContext db, DpiaChanges dpias) : IQueryHandler<ListDpias, IReadOnlyList<DpiaView>>
{
    public async ValueTask<IReadOnlyList<DpiaView>> Handle(ListDpias query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var list = db.Set<Dpia>().AsNoTracking();
        if (query.Kind is { } kind)
        {
            list = list.Where(d => d.Kind == kind);
        }

        if (query.ProjectId is { } projectId)
        {
            list = list.Where(d => d.ProjectId == projectId);
        }

        return await dpias.ViewsAsync(await list.OrderBy(d => d.Kind).ThenBy(d => d.Title).ToListAsync(cancellationToken), cancellationToken);
    }
}
