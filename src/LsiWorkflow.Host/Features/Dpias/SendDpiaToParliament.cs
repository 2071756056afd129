using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Features.Dpias;

[Allowed(Policies.CanManageDomain, System = true)]
public sealed record SendDpiaToParliament(Actor Actor, Guid DpiaId, string? Reason) : ICommand<DpiaView>, IActorMessage;

public sealed class SendDpiaToParliamentHandler(DpiaChanges dpias) : ICommandHandler<SendDpiaToParliament, DpiaView>
{
    public async ValueTask<DpiaView> Handle(SendDpiaToParliament command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var dpia = await dpias.ApplyAsync(command.Actor, command.DpiaId, "DpiaSentToParliament", command.Reason, (dpia, today) =>
        {
            dpia.SendToParliament(today);
            return $"Naar de Tweede Kamer gestuurd op {today:yyyy-MM-dd}";
        }, cancellationToken);
        return await dpias.ViewAsync(dpia, cancellationToken);
    }
}
