using System.Globalization;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Designer;
using LsiWorkflow.Host.Features.Projects;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.Ui;
using LsiWorkflow.Host.Shared.UseCases;
using Microsoft.AspNetCore.Components;

namespace LsiWorkflow.Host.Features.Instances;

public partial class InstanceList
{
    [Inject] private UseCaseSender UseCases { get; set; } = null!;

    [Inject] private Display Display { get; set; } = null!;

    private IReadOnlyList<DefinitionSummary> definitions = [];
    private IReadOnlyList<InstanceSummary> instances = [];
    private Dictionary<string, string> projects = [];
    private string? definitionId;
    private string? status;
    private string? from;
    private string? to;
    private string? waitingOn;

    protected override async Task OnInitializedAsync()
    {
        await Display.LoadAsync();
        definitions = await UseCases.SendAsync(me => new ListDefinitions(me));
        projects = (await UseCases.SendAsync(me => new ListProjects(me))).ToDictionary(p => p.Id.ToString(), p => p.Name, StringComparer.OrdinalIgnoreCase);
        await SearchAsync();
    }

    private async Task SearchAsync() =>
        instances = await UseCases.SendAsync(me => new ListInstances(me, definitionId, status, Day(from), Day(to)?.AddDays(1), Take: 200, WaitingOn: waitingOn));

    /// <summary>A date picked in the browser means that day in the Netherlands.</summary>
    private DateTimeOffset? Day(string? date)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return null;
        }
        var zone = Display.Zone;
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Organisations and roles to choose from; any user name may be typed as well.</summary>
    private static Task<IEnumerable<string>> SearchWhomAsync(string? typed, CancellationToken cancellationToken)
    {
        var all = Organisations.All().Select(o => o.Code).Concat(Roles.All);
        return Task.FromResult(string.IsNullOrWhiteSpace(typed) ? all : all.Where(w => w.Contains(typed, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>An organisation or role code in words; a typed user name as the person's name.</summary>
    private string Whom(string? code) =>
        code is null ? "" : Roles.All.Contains(code) ? Display.Role(code) : Organisations.All().Any(o => o.Code == code) ? Display.Organisation(code) : code;

    /// <summary>What an instance is about: the project named by its correlation key, else the key itself.</summary>
    private string Subject(string? key) => key is null ? "—" : projects.GetValueOrDefault(key, key);

    private string NameOf(string id) => definitions.FirstOrDefault(d => d.DefinitionId == id)?.Name ?? id;
}
