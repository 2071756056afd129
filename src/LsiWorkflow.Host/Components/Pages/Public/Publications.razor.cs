using LsiWorkflow.Host.Domain;
using LsiWorkflow.Host.Domain.Publications;

namespace LsiWorkflow.Host.Components.Pages.Public;

/// <summary>The public page: what the LSI published, and what it withdrew, with when and why.</summary>
public partial class Publications
{
    private IReadOnlyList<PublicationView> publications = [];

    protected override async Task OnInitializedAsync() => publications = await QueryAsync(new ListPublications());

    private static DateOnly Local(DateTimeOffset at) => DomainRules.DayInTheNetherlands(at);
}
