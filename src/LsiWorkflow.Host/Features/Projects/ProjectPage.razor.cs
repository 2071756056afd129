using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using LsiWorkflow.Host.Features.Instances;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Ui;
using LsiWorkflow.Host.Shared.UseCases;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LsiWorkflow.Host.Features.Projects;

/// <summary>
/// One project: its facts, gate, participants, open tasks, workflows and history, and the steps the reader's role
/// may take. Every step goes through the same use case as the API; a refusal is shown with every reason.
/// </summary>
public partial class ProjectPage
{
    private ProjectPageView? page;
    private string? loadError;
    private string? message;
    private IReadOnlyList<string> reasons = [];
    private Severity messageSeverity = Severity.Info;
    private string? reason;
    private string? privacyProtocol;
    private bool busy;

    [Parameter]
    public Guid ProjectId { get; set; }

    [Inject]
    private UseCaseSender UseCases { get; set; } = default!;

    /// <summary>Names for codes and the one clock of the application (<c>Ui:TimeZone</c>).</summary>
    [Inject]
    private Display Display { get; set; } = default!;

    private List<BreadcrumbItem> Breadcrumbs =>
    [
        new(L["Projects.Title"], "projects"),
        new(page?.Project.Name ?? "", null, disabled: true),
    ];

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            await LoadAsync();
        }
        catch (UseCaseException refused)
        {
            loadError = refused.Message;
        }
    }

    private async Task LoadAsync()
    {
        page = await UseCases.SendAsync(actor => new GetProjectPage(actor, ProjectId));
        privacyProtocol ??= page.Project.PrivacyProtocolReference;
    }

    private static string? Day(DateOnly? day) => ReadOnlyPage.Day(day);

    private string Moment(DateTimeOffset? at) =>
        at is { } moment ? Display.Local(moment).ToString("d MMM yyyy HH:mm", CultureInfo.CurrentCulture) : "";

    private string RoleName(string? role) => role is null ? "" : L["Role." + role];

    private string ActionText(string action)
    {
        var text = L["Audit." + action];
        return text.ResourceNotFound ? action : text.Value;
    }

    private static bool Manages(ClaimsPrincipal user) => user.IsInRole(Roles.Secretary) || user.IsInRole(Roles.Admin);

    private static bool StartsWorkflows(ClaimsPrincipal user) => Manages(user);

    private static bool CanAct(ClaimsPrincipal user) => Manages(user) || user.IsInRole(Roles.SteeringGroupMember);

    private Task AdoptAsync() => RunAsync(actor => UseCases.SendAsync(new AdoptProject(actor, ProjectId, reason)), L["Project.Adopted"]);

    private Task SetPrivacyProtocolAsync() =>
        RunAsync(actor => UseCases.SendAsync(new SetPrivacyProtocol(actor, ProjectId, privacyProtocol!, reason)), L["Project.PrivacyProtocolSaved"]);

    private Task ApproveAsync() => RunAsync(actor => UseCases.SendAsync(new ApproveProject(actor, ProjectId, reason)), L["Project.Approved"]);

    private Task StartAsync() => RunAsync(actor => UseCases.SendAsync(new StartProject(actor, ProjectId, reason)), L["Project.Started"]);

    private Task CloseAsync() => RunAsync(actor => UseCases.SendAsync(new CloseProject(actor, ProjectId, reason)), L["Project.Closed"]);

    private Task RejectAsync() => RunAsync(actor => UseCases.SendAsync(new RejectProject(actor, ProjectId, reason!)), L["Project.Rejected"]);

    /// <summary>Starts the approval workflow about this project: its id is the Start input and the correlation key.</summary>
    private Task StartApprovalAsync() => RunAsync(actor => UseCases.SendAsync(new StartInstance(
        GetProjectPageHandler.ApprovalWorkflow, null, new JsonObject { ["projectId"] = ProjectId.ToString() }, ProjectId.ToString(), actor)),
        L["Project.ApprovalStarted"]);

    private async Task RunAsync<T>(Func<Actor, Task<T>> action, string done)
    {
        busy = true;
        message = null;
        reasons = [];
        try
        {
            await action(await UseCases.ActorAsync());
            message = done;
            messageSeverity = Severity.Success;
            reason = null;
        }
        catch (UseCaseException refused)
        {
            message = refused.Reasons.Count > 1 ? refused.Title : refused.Message;
            reasons = refused.Reasons.Count > 1 ? refused.Reasons : [];
            messageSeverity = Severity.Warning;
        }
        finally
        {
            busy = false;
        }
        await LoadAsync();
    }
}
