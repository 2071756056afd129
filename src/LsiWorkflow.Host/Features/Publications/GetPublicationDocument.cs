using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Publications;

public sealed record PublicationDocument(string FileName, string ContentType, byte[] Content);

/// <summary>The file of a published document, for anyone. A withdrawn document is no longer handed out; its row says why.</summary>
[Allowed(Policies.Public)]
public sealed record GetPublicationDocument(Actor Actor, Guid PublicationId) : IQuery<PublicationDocument>, IActorMessage;

public sealed class GetPublicationDocumentHandler(LsiDbContext db) : IQueryHandler<GetPublicationDocument, PublicationDocument>
{
    public async ValueTask<PublicationDocument> Handle(GetPublicationDocument query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var publication = await db.Set<Publication>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.PublicationId, cancellationToken);
        if (publication is not { FileName: { } fileName, ContentType: { } contentType } || publication.IsWithdrawn)
        {
            throw new NotFoundException("Deze publicatie heeft geen document dat (nog) openbaar is.");
        }

        var file = await db.Set<PublicationFile>().AsNoTracking().SingleAsync(f => f.Id == publication.Id, cancellationToken);
        return new PublicationDocument(fileName, contentType, file.Content);
    }
}
