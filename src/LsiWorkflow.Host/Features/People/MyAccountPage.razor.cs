using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Shared.UseCases;
using Microsoft.AspNetCore.Components;

namespace LsiWorkflow.Host.Features.People;

public partial class MyAccountPage
{
    [Inject] private UseCaseSender UseCases { get; set; } = default!;

    private IReadOnlyList<SessionView> sessions = [];
    private string? current;
    private string? next;
    private string? message;
    private bool failed;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var user = await UseCases.UserAsync();
        sessions = await UseCases.SendAsync(a => new ListOwnSessions(a, SessionCheck.SessionId(user)));
    }

    private async Task ChangePasswordAsync()
    {
        try
        {
            await UseCases.SendAsync(new ChangeOwnPassword(await UseCases.ActorAsync(), current ?? "", next ?? ""));
            (current, next) = (null, null);
            (message, failed) = (L["MyAccount.PasswordChanged"], false);
        }
        catch (UseCaseException e)
        {
            (message, failed) = (e.Message, true);
        }
    }

    private async Task EndAsync(SessionView session)
    {
        try
        {
            await UseCases.SendAsync(new EndOwnSession(await UseCases.ActorAsync(), session.Id));
        }
        catch (UseCaseException e)
        {
            (message, failed) = (e.Message, true);
        }
        await LoadAsync();
    }
}
