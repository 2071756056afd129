using LsiWorkflow.Host.Shared.Access;
using MudBlazor;

namespace LsiWorkflow.Host.Shared.Ui.Layout;

public partial class NavMenu
{
    /// <summary>What each role sees in the menu follows the same policies that guard the pages.</summary>
    internal sealed record Item(string Href, string Label, string Icon, string? Policy, bool ForceLoad = false);

    internal static readonly IReadOnlyList<Item> Items =
    [
        new("tasks", "Nav.Tasks", Icons.Material.Filled.Inbox, Policies.CanOpenInbox),
        new("designer", "Nav.Designer", Icons.Material.Filled.AccountTree, Policies.CanDesignWorkflows),
        new("instances", "Nav.Instances", Icons.Material.Filled.Timeline, Policies.CanManageInstances),
        new("milestones", "Nav.Milestones", Icons.Material.Filled.Timeline, Policies.CanViewMilestones),
        new("commitments", "Nav.Commitments", Icons.Material.Filled.AssignmentTurnedIn, Policies.CanViewMilestones),
        new("recommendations", "Nav.Recommendations", Icons.Material.Filled.Checklist, Policies.CanViewMilestones),
        new("projects", "Nav.Projects", Icons.Material.Filled.FolderOpen, Policies.CanViewMilestones),
        new("progress", "Nav.Progress", Icons.Material.Filled.BarChart, Policies.CanViewMilestones),
        new("publicaties", "Nav.Publications", Icons.Material.Filled.Public, Policy: null),
        new("people", "Nav.People", Icons.Material.Filled.People, Policies.CanAdministerSystem),
        new("my-account", "Nav.MyAccount", Icons.Material.Filled.ManageAccounts, Policies.SignedIn),
        new("hangfire", "Nav.Hangfire", Icons.Material.Filled.Schedule, Policies.CanAdministerSystem, ForceLoad: true),
    ];
}
