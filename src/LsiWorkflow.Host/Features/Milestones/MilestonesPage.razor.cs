using System.Globalization;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Planning;
using LsiWorkflow.Host.Features.Reporting;
using LsiWorkflow.Host.Shared.Ui;
using LsiWorkflow.Host.Shared.Ui.Charts;
using LsiWorkflow.Host.Shared.UseCases;
using Microsoft.AspNetCore.Components;

namespace LsiWorkflow.Host.Features.Milestones;

public partial class MilestonesPage
{
    private IReadOnlyList<MilestoneView> milestones = [];
    private MultiYearPlanView? plan;
    private MilestoneView? nextEvaluation;
    private IReadOnlyList<string> organisations = [];
    private IReadOnlyList<int> years = [];
    private DateOnly today;
    private string? organisation;
    private Guid? themeId;
    private int? year;
    private string? exportError;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    /// <summary>A theme filter keeps what concerns every theme (the convenant cycle, the reports) and the agenda items of that theme.</summary>
    private IEnumerable<AgendaItemView> Agenda => plan is null ? [] : ReportingFeature.AgendaOf(plan, themeId, year).Agenda;

    private IReadOnlyList<MilestoneView> CycleMilestones => [.. milestones.Where(IsCycleOrPlan)];

    private IReadOnlyList<MilestoneView> WorkMilestones => [.. milestones.Where(m => !IsCycleOrPlan(m))];

    /// <summary>
    /// The chart shows the cycle, the plan and its agenda; project and commitment milestones join it once a year is
    /// chosen, because years of them would bury the cycle under dots nobody can tell apart.
    /// </summary>
    private IReadOnlyList<TimelinePoint> Points =>
    [
        .. milestones.Where(m => year is not null || IsCycleOrPlan(m)).Select(m => new TimelinePoint(m.Name, m.PlannedOn, m.Status, m.StatusLabel)),
        .. Agenda.Select(a => new TimelinePoint(a.Title, a.PlannedOn, a.Status, a.StatusLabel)),
    ];

    /// <summary>The exports carry every filter of the page that applies to them, and only those set.</summary>
    private string MilestonesCsv => Export("milestones.csv", ("year", year?.ToString(CultureInfo.InvariantCulture)), ("organisation", organisation));

    private string AgendaCsv => Export("agenda.csv", ("themeId", themeId?.ToString()), ("year", year?.ToString(CultureInfo.InvariantCulture)));

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private Display Display { get; set; } = default!;

    private static string Export(string file, params (string Name, string? Value)[] filters)
    {
        var set = filters.Where(f => !string.IsNullOrEmpty(f.Value)).Select(f => $"{f.Name}={Uri.EscapeDataString(f.Value!)}").ToList();
        return $"api/exports/{file}" + (set.Count == 0 ? "" : "?" + string.Join('&', set));
    }

    /// <summary>
    /// Asks the same use case with the same filters first: a refusal is shown here, in words, instead of sending
    /// the browser to an error answer; then the file is downloaded and the page stays.
    /// </summary>
    private async Task ExportAsync(string url, Func<Task> check)
    {
        exportError = null;
        try
        {
            await check();
        }
        catch (UseCaseException refused)
        {
            exportError = refused.Message;
            return;
        }
        Navigation.NavigateTo(url, forceLoad: true);
    }

    private Task ExportMilestonesAsync() => ExportAsync(MilestonesCsv, () => QueryAsync(actor => new ListMilestones(actor, Year: year, Organisation: organisation)));

    private Task ExportAgendaAsync() => ExportAsync(AgendaCsv, () => QueryAsync(actor => new GetMultiYearPlan(actor)));

    protected override async Task OnInitializedAsync()
    {
        await Display.LoadAsync();
        today = Clock.Today();
        var all = await QueryAsync(actor => new ListMilestones(actor));
        nextEvaluation = Tally.NextCovenantMilestone(all);
        organisations = [.. LsiWorkflow.Domain.Organisations.All().Select(o => o.Code)];
        try
        {
            plan = await QueryAsync(actor => new GetMultiYearPlan(actor));
        }
        catch (NotFoundException)
        {
            plan = null;
        }

        years = [.. all.Select(m => m.PlannedOn.Year).Concat(plan?.Agenda.Select(a => a.Year) ?? []).Distinct().Order()];
        milestones = all;
    }

    private async Task OrganisationChanged(string? value)
    {
        organisation = value;
        await ReloadAsync();
    }

    private Task ThemeChanged(Guid? value)
    {
        themeId = value;
        return Task.CompletedTask;
    }

    private async Task YearChanged(int? value)
    {
        year = value;
        await ReloadAsync();
    }

    private async Task ReloadAsync() => milestones = await QueryAsync(actor => new ListMilestones(actor, Year: year, Organisation: organisation));

    private static bool IsCycleOrPlan(MilestoneView m) => m.Subject is MilestoneSubject.CovenantCycle or MilestoneSubject.MultiYearPlan;

    private string? ThemeName(Guid? id) => id is null ? null : plan?.Themes.FirstOrDefault(t => t.Id == id)?.Name;
}
