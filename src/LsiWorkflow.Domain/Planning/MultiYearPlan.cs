namespace LsiWorkflow.Domain;

/// <summary>The meerjarenplan: themes and phenomena, a yearly agenda, adopted working groups, work agreements and the June progress reports.</summary>
public sealed class MultiYearPlan : Entity
{
    private MultiYearPlan()
    {
    }

    public MultiYearPlan(string title, int firstYear, int lastYear, Guid? id = null)
        : base(id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentOutOfRangeException.ThrowIfLessThan(lastYear, firstYear);
        Title = title;
        FirstYear = firstYear;
        LastYear = lastYear;
    }

    public string Title { get; private set; } = "";

    public int FirstYear { get; private set; }

    public int LastYear { get; private set; }

    public List<Theme> Themes { get; private set; } = [];

    public List<AgendaItem> AgendaItems { get; private set; } = [];

    public List<WorkingGroup> WorkingGroups { get; private set; } = [];

    public List<WorkAgreement> WorkAgreements { get; private set; } = [];

    public List<ProgressReport> ProgressReports { get; private set; } = [];

    public IEnumerable<int> Years => Enumerable.Range(FirstYear, LastYear - FirstYear + 1);

    public Theme AddTheme(string name, string? description = null, Guid? id = null)
    {
        if (Themes.Any(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainRuleException($"Het thema '{name}' staat al in het plan.");
        }

        var theme = new Theme(name, description, id);
        Themes.Add(theme);
        return theme;
    }

    /// <summary>An item of the agenda of <paramref name="year"/>; <paramref name="plannedOn"/> when a day in that year is known.</summary>
    public AgendaItem AddAgendaItem(int year, string title, Theme? theme = null, Guid? id = null, DateOnly? plannedOn = null)
    {
        RequireYear(year);
        var item = new AgendaItem(year, title, theme?.Id, id);
        if (plannedOn is { } day)
        {
            item.PlanOn(day);
        }

        AgendaItems.Add(item);
        return item;
    }

    /// <summary>The letter: working groups are adopted by a steering-group member, so one is required from the start.</summary>
    public WorkingGroup AddWorkingGroup(string name, SteeringGroupMember adoptedBy, Guid? id = null)
    {
        ArgumentNullException.ThrowIfNull(adoptedBy);
        var group = new WorkingGroup(name, adoptedBy.Id, id);
        WorkingGroups.Add(group);
        return group;
    }

    public WorkAgreement AddWorkAgreement(string title, string text, Guid? id = null)
    {
        var agreement = new WorkAgreement(title, text, id);
        WorkAgreements.Add(agreement);
        return agreement;
    }

    /// <summary>The Stand van de uitvoering appears each June; one per plan year.</summary>
    public ProgressReport PlanProgressReport(int year, Guid? id = null)
    {
        RequireYear(year);
        if (ProgressReports.Any(r => r.Year == year))
        {
            throw new DomainRuleException($"De Stand van de uitvoering {year} is al gepland.");
        }

        var report = new ProgressReport(year, id);
        ProgressReports.Add(report);
        return report;
    }

    private void RequireYear(int year)
    {
        if (year < FirstYear || year > LastYear)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"{year} valt buiten het plan {FirstYear}–{LastYear}.");
        }
    }
}

public sealed class Theme : Entity
{
    private Theme()
    {
    }

    internal Theme(string name, string? description, Guid? id)
        : base(id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Description = description;
    }

    public string Name { get; private set; } = "";

    public string? Description { get; private set; }

    public List<Phenomenon> Phenomena { get; private set; } = [];

    public Phenomenon AddPhenomenon(string name, string? description = null, Guid? id = null)
    {
        var phenomenon = new Phenomenon(name, description, id);
        Phenomena.Add(phenomenon);
        return phenomenon;
    }
}

/// <summary>A fenomeen the LSI addresses under a theme, the subject of phenomenon-based projects.</summary>
public sealed class Phenomenon : Entity
{
    private Phenomenon()
    {
    }

    internal Phenomenon(string name, string? description, Guid? id)
        : base(id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Description = description;
    }

    public string Name { get; private set; } = "";

    public string? Description { get; private set; }
}

/// <summary>An item of the yearly uitvoeringsagenda.</summary>
public sealed class AgendaItem : Entity
{
    private AgendaItem()
    {
    }

    internal AgendaItem(int year, string title, Guid? themeId, Guid? id)
        : base(id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Year = year;
        Title = title;
        ThemeId = themeId;
    }

    public int Year { get; private set; }

    public string Title { get; private set; } = "";

    public Guid? ThemeId { get; private set; }

    /// <summary>The day it is planned for, when one is known; null when only its year is (most of the agenda).</summary>
    public DateOnly? PlannedOn { get; private set; }

    /// <summary>What the item is held to: its planned day, or else the last day of its year (our assumption).</summary>
    public DateOnly DueOn => PlannedOn ?? new DateOnly(Year, 12, 31);

    public DateOnly? CompletedOn { get; private set; }

    /// <summary>A day inside the item's agenda year: moving it to another year is a new agenda item, not a new day.</summary>
    public void PlanOn(DateOnly day)
    {
        if (day.Year != Year)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, $"Een agendapunt van {Year} wordt in {Year} gepland, niet op {day:yyyy-MM-dd}.");
        }

        PlannedOn = day;
    }

    public void Complete(DateOnly on) => CompletedOn = on;
}

public sealed class WorkingGroup : Entity
{
    private WorkingGroup()
    {
    }

    internal WorkingGroup(string name, Guid adoptedByMemberId, Guid? id)
        : base(id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        AdoptedByMemberId = adoptedByMemberId;
    }

    public string Name { get; private set; } = "";

    public Guid AdoptedByMemberId { get; private set; }

    public void AdoptBy(SteeringGroupMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        AdoptedByMemberId = member.Id;
    }
}

/// <summary>A werkafspraak, e.g. on the link between the steering and operational layers.</summary>
public sealed class WorkAgreement : Entity
{
    private WorkAgreement()
    {
    }

    internal WorkAgreement(string title, string text, Guid? id)
        : base(id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Title = title;
        Text = text;
    }

    public string Title { get; private set; } = "";

    public string Text { get; private set; } = "";
}

/// <summary>The Stand van de uitvoering of one year.</summary>
public sealed class ProgressReport : Entity
{
    private ProgressReport()
    {
    }

    internal ProgressReport(int year, Guid? id)
        : base(id)
    {
        Year = year;
        // The letter says "in juni"; the last day of June is our assumption for the planned day.
        PlannedOn = new DateOnly(year, 6, 30);
    }

    public int Year { get; private set; }

    public DateOnly PlannedOn { get; private set; }

    public DateOnly? PublishedOn { get; private set; }

    public void Publish(DateOnly on) => PublishedOn = on;
}
