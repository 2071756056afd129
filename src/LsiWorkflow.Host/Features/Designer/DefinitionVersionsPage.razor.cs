using System.Globalization;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace LsiWorkflow.Host.Features.Designer;

/// <summary>The versions of a definition: compare any two, and make an earlier one the draft again.</summary>
public partial class DefinitionVersionsPage
{
    [Parameter] public string DefinitionId { get; set; } = "";

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = null!;

    [Inject] private UseCaseSender UseCases { get; set; } = null!;

    private DefinitionDetails? details;
    private int? from;
    private int? to;
    private IReadOnlyList<DefinitionChange>? changes;
    private string? message;
    private bool messageIsError;
    private bool busy;

    protected override async Task OnInitializedAsync()
    {
        await Display.LoadAsync();
        await LoadAsync();
        // By default: the version before the latest, against the latest.
        to = details?.Versions is { Count: > 0 } versions ? versions[^1].Version : null;
        from = details?.Versions.Count > 1 ? details.Versions[^2].Version : to;
    }

    private async Task LoadAsync()
    {
        try
        {
            details = await UseCases.SendAsync(me => new GetDefinition(me, DefinitionId));
        }
        catch (NotFoundException ex)
        {
            Show(ex.Message, error: true);
        }
    }

    private async Task CompareAsync() => changes = await UseCases.SendAsync(me => new CompareVersions(me, DefinitionId, from!.Value, to!.Value));

    private async Task RollBackAsync(int version)
    {
        busy = true;
        try
        {
            var draft = details!.Status == DefinitionStatus.Draft ? details.RowVersion : (uint?)null;
            var saved = await UseCases.SendAsync(new RollBackDefinition(DefinitionId, version, draft, Actor.From((await AuthenticationState).User)));
            await LoadAsync();
            changes = null;
            Show(string.Format(CultureInfo.CurrentCulture, L["Designer.RolledBack"], version, saved.Version), error: false);
        }
        catch (UseCaseException ex)
        {
            Show(ex.Message, error: true);
        }
        finally
        {
            busy = false;
        }
    }

    private void Show(string text, bool error)
    {
        message = text;
        messageIsError = error;
    }
}
