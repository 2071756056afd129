using LsiWorkflow.Host.Shared.UseCases;
using Microsoft.AspNetCore.Components;

namespace LsiWorkflow.Host.Features.People;

public partial class InvitationPage
{
    [Inject] private UseCaseSender UseCases { get; set; } = default!;

    [SupplyParameterFromForm]
    private InputModel? Input { get; set; }

    [SupplyParameterFromQuery(Name = "user")]
    private Guid? User { get; set; }

    [SupplyParameterFromQuery(Name = "token")]
    private string? Token { get; set; }

    private string? message;
    private bool done;

    protected override void OnInitialized() => Input ??= new() { User = User ?? Guid.Empty, Token = Token ?? "" };

    private async Task AcceptAsync()
    {
        Input ??= new();
        if (Input.Password != Input.Repeat)
        {
            message = L["Invitation.Mismatch"];
            return;
        }
        try
        {
            await UseCases.SendAsync(new AcceptInvitation(await UseCases.ActorAsync(), Input.User, Input.Token, Input.Password));
            done = true;
        }
        catch (UseCaseException e)
        {
            message = e.Message;
        }
    }

    internal sealed class InputModel
    {
        public Guid User { get; set; }
        public string Token { get; set; } = "";
        public string Password { get; set; } = "";
        public string Repeat { get; set; } = "";
    }
}
