using LsiWorkflow.Host.Domain.Projects;
using LsiWorkflow.Host.Domain.Reporting;

namespace LsiWorkflow.Host.Components.Pages.Ministry;

public partial class Projects
{
    private IReadOnlyList<ProjectDetails> projects = [];
    private IReadOnlyList<Count> byStatus = [];
    private IReadOnlyList<Count> byGate = [];

    protected override async Task OnInitializedAsync()
    {
        projects = await QueryAsync(new ListProjects());
        byStatus = Tally.ProjectsByStatus(projects);
        byGate = Tally.ProjectsByGate(projects);
    }
}
