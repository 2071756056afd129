using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.UseCases;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LsiWorkflow.Host.Features.Projects;

/// <summary>
/// Proposes a project, or registers one that was already running, in one form. The use case checks everything
/// (a tax authority sharing data in an area-based project, a start date the moratorium forbade); its refusal is
/// shown above the form and what was typed stays.
/// </summary>
public partial class ProjectForm
{
    private IReadOnlyList<PartyOption> parties = [];
    private readonly HashSet<string> participating = new(StringComparer.Ordinal);
    private readonly HashSet<string> sharing = new(StringComparer.Ordinal);
    private string? name;
    private ProjectKind kind = ProjectKind.AreaBased;
    private string? municipality;
    private string? privacyProtocol;
    private string? description;
    private DateOnly? plannedStart;
    private DateOnly? startedOn;
    private bool running;
    private string? reason;
    private string? message;
    private IReadOnlyList<string> reasons = [];
    private bool busy;

    [Inject]
    private UseCaseSender UseCases { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private List<BreadcrumbItem> Breadcrumbs =>
    [
        new(L["Projects.Title"], "projects"),
        new(L["ProjectForm.Title"], null, disabled: true),
    ];

    protected override async Task OnInitializedAsync() => parties = await UseCases.SendAsync(actor => new ListProjectParties(actor));

    private static void Toggle(HashSet<string> set, string code, ChangeEventArgs e)
    {
        if (e.Value is true)
        {
            set.Add(code);
        }
        else
        {
            set.Remove(code);
        }
    }

    /// <summary>A partner that shares data takes part, whether or not its first box was ticked.</summary>
    private List<ProjectParticipantInput> Participants() =>
        [.. parties.Where(p => participating.Contains(p.Code) || sharing.Contains(p.Code))
            .Select(p => new ProjectParticipantInput(p.Code, sharing.Contains(p.Code)))];

    private async Task SubmitAsync()
    {
        busy = true;
        message = null;
        reasons = [];
        try
        {
            var town = string.IsNullOrWhiteSpace(municipality) ? null : municipality;
            var project = running
                ? await UseCases.SendAsync(actor => new RegisterRunningProject(actor, name!, kind, town, startedOn!.Value, description, Participants(), privacyProtocol, reason))
                : await UseCases.SendAsync(actor => new ProposeProject(actor, name!, kind, town, null, reason, description, plannedStart, Participants(), privacyProtocol));
            Navigation.NavigateTo($"projects/{project.Id}");
        }
        catch (UseCaseException refused)
        {
            message = refused.Reasons.Count > 1 ? refused.Title : refused.Message;
            reasons = refused.Reasons.Count > 1 ? refused.Reasons : [];
        }
        finally
        {
            busy = false;
        }
    }
}
