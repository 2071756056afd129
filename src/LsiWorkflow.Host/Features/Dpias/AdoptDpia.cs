using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.Dpias;

[Allowed(Policies.CanManageDomain, System = true)]
public sealed record AdoptDpia(Actor Actor, Guid DpiaId, string? Reason) : ICommand<DpiaView>, IActorMessage;

public sealed class AdoptDpiaHandler(DpiaChanges dpias, IPublisher publisher) : ICommandHandler<AdoptDpia, DpiaView>
{
    public async ValueTask<DpiaView> Handle(AdoptDpia command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var dpia = await dpias.ApplyAsync(command.Actor, command.DpiaId, "DpiaAdopted", command.Reason, (dpia, today) =>
        {
            dpia.Adopt(today);
            return $"Vastgesteld op {today:yyyy-MM-dd} na {dpia.Approvals.Count} goedkeuring(en)";
        }, cancellationToken);
        // After the commit: a listener must never see an adoption that was rolled back.
        await publisher.Publish(new DpiaAdopted(dpia.Id, dpia.Kind, dpia.ProjectId), cancellationToken);
        return await dpias.ViewAsync(dpia, cancellationToken);
    }
}
