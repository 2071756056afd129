using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Publications;

/// <summary>What the public sees of a publication; who published or withdrew it stays in the audit trail.</summary>
public sealed record PublicationView(
    Guid Id,
    string Title,
    string Kind,
    string? Summary,
    string? Reference,
    DateTimeOffset PublishedAt,
    DateTimeOffset? WithdrawnAt,
    string? WithdrawalReason,
    string? InformationCategory = null,
    string? FileName = null,
    long? FileSize = null)
{
    public bool IsWithdrawn => WithdrawnAt is not null;

    /// <summary>Where anyone downloads the document, while it is published.</summary>
    public string? DocumentUrl => FileName is not null && !IsWithdrawn ? $"api/publications/{Id}/document" : null;

    internal static PublicationView Of(Publication p) =>
        new(p.Id, p.Title, p.Kind, p.Summary, p.Reference, p.PublishedAt, p.WithdrawnAt, p.WithdrawalReason, p.InformationCategory, p.FileName, p.FileSize);
}

/// <summary>Every publication, newest first, withdrawn ones included: a withdrawal is itself public.</summary>
[Allowed(Policies.Public)]
public sealed record ListPublications(Actor Actor, string? Kind = null) : IQuery<IReadOnlyList<PublicationView>>, IActorMessage;

public sealed class ListPublicationsHandler(LsiDbContext db) : IQueryHandler<ListPublications, IReadOnlyList<PublicationView>>
{
    public async ValueTask<IReadOnlyList<PublicationView>> Handle(ListPublications query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var publications = db.Set<Publication>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Kind))
        {
            publications = publications.Where(p => p.Kind == query.Kind);
        }

        var list = await publications.OrderByDescending(p => p.PublishedAt).ThenBy(p => p.Title).ToListAsync(cancellationToken);
        return [.. list.Select(PublicationView.Of)];
    }
}
