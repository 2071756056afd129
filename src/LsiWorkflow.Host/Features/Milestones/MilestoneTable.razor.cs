using Microsoft.AspNetCore.Components;

namespace LsiWorkflow.Host.Features.Milestones;

public partial class MilestoneTable
{
    [Parameter, EditorRequired]
    public IReadOnlyList<MilestoneView> Items { get; set; } = [];

    [Parameter]
    public bool Paged { get; set; }

    [Parameter]
    public string? TestId { get; set; }
}
