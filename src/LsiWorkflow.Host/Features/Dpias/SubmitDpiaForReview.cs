using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.Dpias;

[Allowed(Policies.CanManageDomain, System = true)]
public sealed record SubmitDpiaForReview(Actor Actor, Guid DpiaId, string? Reason) : ICommand<DpiaView>, IActorMessage;

public sealed class SubmitDpiaForReviewHandler(DpiaChanges dpias) : ICommandHandler<SubmitDpiaForReview, DpiaView>
{
    public async ValueTask<DpiaView> Handle(SubmitDpiaForReview command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var dpia = await dpias.ApplyAsync(command.Actor, command.DpiaId, "DpiaSubmittedForReview", command.Reason, (dpia, _) =>
        {
            dpia.SubmitForReview();
            return "Ter beoordeling aangeboden";
        }, cancellationToken);
        return await dpias.ViewAsync(dpia, cancellationToken);
    }
}
