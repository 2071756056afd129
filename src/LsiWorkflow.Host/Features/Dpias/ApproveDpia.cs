using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Dpias;

/// <summary>A partner approves on behalf of their own organisation, taken from the sign-in, never from the request.</summary>
[Allowed(Policies.CanCompleteTasksOfOwnOrganisation)]
public sealed record ApproveDpia(Actor Actor, Guid DpiaId, string? Reason) : ICommand<DpiaView>, IActorMessage;

public sealed class ApproveDpiaHandler(LsiDbContext db, DpiaChanges dpias) : ICommandHandler<ApproveDpia, DpiaView>
{
    public async ValueTask<DpiaView> Handle(ApproveDpia command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var code = command.Actor.Organisation?.ToUpperInvariant();
        var organisation = code is null ? null : await db.Set<Organisation>().SingleOrDefaultAsync(o => o.Code == code, cancellationToken);
        if (organisation is null)
        {
            throw new ForbiddenException("Alleen iemand van een LSI-organisatie kan een DPIA goedkeuren.");
        }

        var dpia = await dpias.ApplyAsync(command.Actor, command.DpiaId, "DpiaApproved", command.Reason, (dpia, today) =>
        {
            dpia.Approve(organisation, command.Actor.UserName, today);
            return $"Goedgekeurd namens {organisation.Code}";
        }, cancellationToken);
        return await dpias.ViewAsync(dpia, cancellationToken);
    }
}
