using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Audit;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Publications;

/// <summary>The document itself: its file name and bytes (base64 in JSON).</summary>
public sealed record DocumentUpload(string FileName, byte[] Content);

/// <summary>
/// Makes a document public now, for the UI, the API and the workflow step alike; returns the new publication's id.
/// A caller that chooses the <paramref name="Id"/> (a workflow step) publishes once however often it repeats. The
/// file, when given, is checked by its bytes (PDF, ODT or DOCX, at most 10 MB) and stored in the database with it.
/// </summary>
[Allowed(Policies.CanManageDomain, System = true)]
public sealed record PublishDocument(
    string Title,
    string Kind,
    string? Summary,
    string? Reference,
    Actor Actor,
    Guid? Id = null,
    string? InformationCategory = null,
    DocumentUpload? File = null) : ICommand<Guid>, IActorMessage;

public sealed class PublishDocumentHandler(LsiDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<PublishDocument, Guid>
{
    public async ValueTask<Guid> Handle(PublishDocument command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Id is { } id && await db.Set<Publication>().AnyAsync(p => p.Id == id, cancellationToken))
        {
            return id;
        }

        Publication publication;
        PublicationFile? file = null;
        try
        {
            publication = new Publication(command.Title, command.Kind, command.Summary, command.Reference, clock.GetUtcNow().ToUniversalTime(), command.Actor.UserName, command.Id);
            publication.Categorise(command.InformationCategory);
            if (command.File is { } upload)
            {
                file = publication.AttachDocument(upload.FileName, upload.Content ?? []);
            }
        }
        catch (ArgumentException invalid)
        {
            throw new InvalidRequestException(invalid.Message);
        }

        db.Add(publication);
        if (file is not null)
        {
            db.Add(file);
        }

        audit.Record(command.Actor, "DocumentPublished", publication,
            $"{publication.Kind}: {publication.Title}" + (publication.FileName is { } name ? $" ({name}, {publication.FileSize} bytes)" : ""), publication.Reference);
        await db.SaveChangesAsync(cancellationToken);
        return publication.Id;
    }
}
