using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.UseCases;
using Microsoft.AspNetCore.Components;

namespace LsiWorkflow.Host.Features.People;

public partial class OrganisationsPage
{
    [Inject] private UseCaseSender UseCases { get; set; } = default!;

    private IReadOnlyList<OrganisationView> organisations = [];
    private IReadOnlyList<OpenTaskView>? openTasks;
    private string? code;
    private string? name;
    private OrganisationKind kind = OrganisationKind.Municipality;
    private Guid? renaming;
    private string? newName;
    private string? message;
    private bool failed;

    protected override async Task OnInitializedAsync() => organisations = await UseCases.SendAsync(a => new ListOrganisations(a));

    private Task AddAsync() => RunAsync(async () =>
    {
        await UseCases.SendAsync(a => new AddOrganisation(a, code ?? "", name ?? "", kind));
        (code, name) = (null, null);
    });

    private Task RenameAsync(OrganisationView organisation) => RunAsync(async () =>
    {
        await UseCases.SendAsync(a => new RenameOrganisation(a, organisation.Id, newName ?? "", null));
        renaming = null;
    });

    private Task LeaveAsync(OrganisationView organisation) => RunAsync(async () =>
        openTasks = (await UseCases.SendAsync(a => new MarkOrganisationLeft(a, organisation.Id, null, null))).OpenTasks);

    private async Task RunAsync(Func<Task> action)
    {
        try
        {
            await action();
            (message, failed) = (L["People.Saved"], false);
        }
        catch (UseCaseException e)
        {
            (message, failed) = (e.Message, true);
        }
        organisations = await UseCases.SendAsync(a => new ListOrganisations(a));
    }
}
