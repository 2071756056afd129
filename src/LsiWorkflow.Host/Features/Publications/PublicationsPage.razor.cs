using LsiWorkflow.Host.Shared.UseCases;

namespace LsiWorkflow.Host.Features.Publications;

/// <summary>The public page: what the LSI published, and what it withdrew, with when and why.</summary>
public partial class PublicationsPage
{
    private IReadOnlyList<PublicationView> publications = [];

    protected override async Task OnInitializedAsync() => publications = await QueryAsync(actor => new ListPublications(actor));

    private static DateOnly Local(DateTimeOffset at) => DomainRules.DayInTheNetherlands(at);
}
