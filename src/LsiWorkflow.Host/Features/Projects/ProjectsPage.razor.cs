using LsiWorkflow.Host.Features.Reporting;

namespace LsiWorkflow.Host.Features.Projects;

public partial class ProjectsPage
{
    private IReadOnlyList<ProjectDetails> projects = [];
    private IReadOnlyList<Count> byStatus = [];
    private IReadOnlyList<Count> byGate = [];

    protected override async Task OnInitializedAsync()
    {
        projects = await QueryAsync(actor => new ListProjects(actor));
        byStatus = Tally.ProjectsByStatus(projects);
        byGate = Tally.ProjectsByGate(projects);
    }
}
