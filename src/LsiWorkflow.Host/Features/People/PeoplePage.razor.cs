using System.Globalization;
using LsiWorkflow.Host.Features.Notifications;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace LsiWorkflow.Host.Features.People;

public partial class PeoplePage
{
    [Inject] private UseCaseSender UseCases { get; set; } = default!;

    private IReadOnlyList<PersonView> people = [];
    private IReadOnlyList<OrganisationView> organisations = [];
    private IReadOnlyList<AdministrationLine> audit = [];
    private PersonForm form = new();
    private PersonView? editing;
    private Guid? removing;
    private string? message;
    private bool failed;

    private sealed class PersonForm
    {
        public string? Email { get; set; }
        public string? DisplayName { get; set; }
        public string? Organisation { get; set; }
        public HashSet<string> Roles { get; } = [];
    }

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        people = await UseCases.SendAsync(a => new ListPeople(a));
        organisations = await UseCases.SendAsync(a => new ListOrganisations(a));
        audit = await UseCases.SendAsync(a => new ListAdministrationAudit(a));
    }

    private void Toggle(string role, bool on)
    {
        if (on)
        {
            form.Roles.Add(role);
        }
        else
        {
            form.Roles.Remove(role);
        }
    }

    private void Edit(PersonView person)
    {
        editing = person;
        form = new PersonForm { DisplayName = person.DisplayName, Organisation = person.Organisation };
        form.Roles.UnionWith(person.Roles);
    }

    private void Cancel()
    {
        editing = null;
        form = new();
    }

    private Task SaveAsync()
    {
        var roles = form.Roles.ToList();
        return editing is { } person
            ? RunAsync(a => new ChangePerson(a, person.Id, form.Organisation ?? "", roles, form.DisplayName, null), "People.Saved", reset: true)
            : RunAsync(a => new InvitePerson(a, form.Email ?? "", form.DisplayName ?? "", form.Organisation ?? "", roles), "People.Invited", reset: true);
    }

    private Task RemoveAsync(PersonView person) =>
        RunAsync(async () => await UseCases.SendAsync(new RemovePerson(await UseCases.ActorAsync(), person.Id, null)), "People.Removed");

    private Task RunAsync(Func<Actor, ICommand<PersonView>> command, string done, bool reset = false) =>
        RunAsync(() => UseCases.SendAsync(command), done, reset);

    private async Task RunAsync(Func<Task> action, string done, bool reset = false)
    {
        try
        {
            await action();
            (message, failed) = (L[done], false);
            removing = null;
            if (reset)
            {
                Cancel();
            }
        }
        catch (UseCaseException e)
        {
            (message, failed) = (e.Message, true);
        }
        await LoadAsync();
    }

    private string OrganisationName(string code) => organisations.FirstOrDefault(o => o.Code == code)?.Name ?? code;

    private LocalizedString State(PersonView p) =>
        p.Disabled ? L["People.StateDisabled"]
        : p.LockedUntil is { } until ? L["People.StateLocked", Moment(until)]
        : p.Invited ? L["People.StateInvited"]
        : L["People.StateActive"];

    internal static string Moment(DateTimeOffset? at) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, NotificationTemplates.Dutch).ToString("g", CultureInfo.CurrentCulture) : "–";
}
