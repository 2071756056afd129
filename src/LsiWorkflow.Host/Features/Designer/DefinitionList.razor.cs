using System.Text.RegularExpressions;
using LsiWorkflow.Host.Shared.UseCases;
using Microsoft.AspNetCore.Components;

namespace LsiWorkflow.Host.Features.Designer;

public partial class DefinitionList
{
    [Inject] private UseCaseSender UseCases { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    private IReadOnlyList<DefinitionSummary> definitions = [];
    private string? newId;
    private string? newName;

    private bool newIdTaken => definitions.Any(d => d.DefinitionId == newId?.Trim());

    private bool CanCreate => !string.IsNullOrWhiteSpace(newName) && newId is not null && IdPattern().IsMatch(newId.Trim()) && !newIdTaken;

    protected override async Task OnInitializedAsync()
    {
        await Display.LoadAsync();
        definitions = await UseCases.SendAsync(me => new ListDefinitions(me));
    }

    private void Create() =>
        Navigation.NavigateTo($"designer/{Uri.EscapeDataString(newId!.Trim())}?name={Uri.EscapeDataString(newName!.Trim())}");

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
