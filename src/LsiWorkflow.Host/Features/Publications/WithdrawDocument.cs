using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Audit;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Publications;

/// <summary>Withdraws a publication; it stays listed with the date and the reason.</summary>
[Allowed(Policies.CanManageDomain)]
public sealed record WithdrawDocument(Guid Id, string Reason, Actor Actor) : ICommand<PublicationView>, IActorMessage;

public sealed class WithdrawDocumentHandler(LsiDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<WithdrawDocument, PublicationView>
{
    public async ValueTask<PublicationView> Handle(WithdrawDocument command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            throw new InvalidRequestException("Geef de reden van intrekking; die wordt bij de publicatie getoond.");
        }

        var publication = await db.Set<Publication>().SingleOrDefaultAsync(p => p.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException($"Publicatie {command.Id} bestaat niet.");
        try
        {
            publication.Withdraw(clock.GetUtcNow().ToUniversalTime(), command.Actor.UserName, command.Reason);
        }
        catch (ArgumentException invalid)
        {
            throw new InvalidRequestException(invalid.Message);
        }

        audit.Record(command.Actor, "DocumentWithdrawn", publication, $"{publication.Kind}: {publication.Title}", publication.WithdrawalReason);
        await db.SaveChangesAsync(cancellationToken);
        return PublicationView.Of(publication);
    }
}
