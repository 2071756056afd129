using LsiWorkflow.Host.Application;
using LsiWorkflow.Host.Domain.Audit;
using LsiWorkflow.Host.Persistence;
using Mediator;

namespace LsiWorkflow.Host.Domain.Publications;

/// <summary>Makes a document public now, for the UI, the API and the workflow step alike; returns the new publication's id.</summary>
public sealed record PublishDocument(string Title, string Kind, string? Summary, string? Reference, Actor Actor) : ICommand<Guid>;

public sealed class PublishDocumentHandler(LsiDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<PublishDocument, Guid>
{
    public async ValueTask<Guid> Handle(PublishDocument command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        Publication publication;
        try
        {
            publication = new Publication(command.Title, command.Kind, command.Summary, command.Reference, clock.GetUtcNow().ToUniversalTime(), command.Actor.UserName);
        }
        catch (ArgumentException invalid)
        {
            throw new InvalidRequestException(invalid.Message);
        }

        db.Add(publication);
        audit.Record(command.Actor, "DocumentPublished", publication, $"{publication.Kind}: {publication.Title}", publication.Reference);
        await db.SaveChangesAsync(cancellationToken);
        return publication.Id;
    }
}
