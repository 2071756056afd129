using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace LsiWorkflow.Host.Features.Accounts;

public partial class Login
{
    [Inject] private SignInManager<LsiUser> SignInManager { get; set; } = default!;
    [Inject] private UserManager<LsiUser> UserManager { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IConfiguration Configuration { get; set; } = default!;
    [Inject] private ILogger<Login> Log { get; set; } = default!;

    [SupplyParameterFromForm]
    private InputModel? Input { get; set; }

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    [SupplyParameterFromQuery(Name = "error")]
    private string? Error { get; set; }

    private string? message;

    private bool OidcEnabled => !string.IsNullOrWhiteSpace(Configuration["Authentication:Oidc:Authority"]);

    protected override void OnInitialized()
    {
        Input ??= new();
        if (Error == "external")
        {
            message = L["Account.External"];
        }
    }

    private async Task SignInAsync()
    {
        Input ??= new();
        if (string.IsNullOrWhiteSpace(Input.UserName) || string.IsNullOrEmpty(Input.Password))
        {
            message = L["Account.Required"];
            return;
        }
        // People may type their e-mail address instead of their user name.
        var user = Input.UserName.Contains('@', StringComparison.Ordinal)
            ? await UserManager.FindByEmailAsync(Input.UserName.Trim())
            : await UserManager.FindByNameAsync(Input.UserName.Trim());
        if (user is null)
        {
            message = L["Account.Failed"];
            return;
        }
        var result = await SignInManager.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            Navigation.NavigateTo(SafeReturnUrl, forceLoad: true);
            return;
        }
        if (result.IsLockedOut)
        {
            Log.LogWarning("Sign-in refused: account {UserId} is locked out", user.Id);
        }
        message = result.IsLockedOut ? L["Account.LockedOut"] : L["Account.Failed"];
    }

    private string SafeReturnUrl =>
        ReturnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? url : "/";

    internal sealed class InputModel
    {
        public string UserName { get; set; } = "";
        public string Password { get; set; } = "";
    }
}
