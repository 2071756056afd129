using System.Globalization;
using LsiWorkflow.Domain;
using LsiWorkflow.Host.Features.Accounts;
using LsiWorkflow.Host.Shared.Localization;
using LsiWorkflow.Host.Shared.Persistence;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LsiWorkflow.Host.Shared.Ui;

/// <summary>How the UI shows time: one zone for people, whatever the server's.</summary>
public sealed class UiOptions
{
    public const string Section = "Ui";

    /// <summary>IANA name of the zone every page shows times in.</summary>
    public string TimeZone { get; set; } = "Europe/Amsterdam";
}

/// <summary>
/// Names, not codes, and one clock for every page: organisations by name, people by their display name, roles
/// in the reader's language, workflows by title, times in the people's zone and dates without a time where only
/// a date is meant. The API keeps the codes; only the UI asks here. One per circuit; the names are read at most
/// once a minute, since new people and workflows are rare.
/// </summary>
public sealed class Display(IDbContextFactory<LsiDbContext> contexts, IStringLocalizer<SharedResource> l, IOptions<UiOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(1);
    private Names? names;

    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>Reads the names when they are missing or older than a minute; call before rendering with them.</summary>
    public async Task LoadAsync(CancellationToken ct = default)
    {
        if (names is not null && clock.GetUtcNow() - names.ReadAt < Fresh)
        {
            return;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var organisations = await db.Set<Organisation>().AsNoTracking().ToDictionaryAsync(o => o.Code, o => o.Name, StringComparer.OrdinalIgnoreCase, ct);
        var people = await db.Set<LsiUser>().AsNoTracking().Where(u => u.UserName != null)
            .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, StringComparer.OrdinalIgnoreCase, ct);
        var workflows = (await db.Set<DefinitionRecord>().AsNoTracking()
                .OrderBy(d => d.DefinitionId).ThenBy(d => d.Status == DefinitionStatus.Published ? 0 : 1).ThenByDescending(d => d.Version)
                .Select(d => new { d.DefinitionId, d.Name }).ToListAsync(ct))
            .DistinctBy(d => d.DefinitionId)
            .ToDictionary(d => d.DefinitionId, d => d.Name, StringComparer.Ordinal);
        names = new Names(organisations, people, workflows, clock.GetUtcNow());
    }

    /// <summary>"Gemeente Rotterdam" for GEM-ROTTERDAM; the code itself when unknown.</summary>
    public string Organisation(string? code) =>
        code is null ? "—" : names?.Organisations.GetValueOrDefault(code) ?? code;

    /// <summary>A person's display name for their login name; a workflow acting is "the system".</summary>
    public string Person(string? userName)
    {
        if (string.IsNullOrEmpty(userName))
        {
            return "—";
        }
        if (userName.StartsWith(Actor.System.UserName, StringComparison.Ordinal))
        {
            return l["Display.System"];
        }
        return names?.People.GetValueOrDefault(userName) ?? userName;
    }

    public string Role(string? role)
    {
        if (string.IsNullOrEmpty(role))
        {
            return "—";
        }
        var name = l["Role." + role];
        return name.ResourceNotFound ? role : name.Value;
    }

    /// <summary>The workflow's title (of its published version) instead of its id.</summary>
    public string Workflow(string? definitionId) =>
        definitionId is null ? "—" : names?.Workflows.GetValueOrDefault(definitionId) ?? definitionId;

    /// <summary>Whom a task is for: a person, an organisation or a role, in words.</summary>
    public string Assignee(string? user, string? organisation, string? role) =>
        user is not null ? Person(user)
        : organisation is not null ? Organisation(organisation)
        : Role(role);

    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>A moment, in the people's zone: "20-11-2026 09:00".</summary>
    public string Time(DateTimeOffset? at) =>
        at is { } value ? Local(value).ToString("dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture) : "—";

    /// <summary>A day: a deadline or a planned date, without a time of day.</summary>
    public string Date(DateTimeOffset? at) =>
        at is { } value ? Local(value).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture) : "—";

    public static string Date(DateOnly? day) =>
        day is { } value ? value.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture) : "—";

    /// <summary>Today in the people's zone.</summary>
    public DateOnly Today() => DateOnly.FromDateTime(Local(clock.GetUtcNow()).DateTime);

    private sealed record Names(
        Dictionary<string, string> Organisations,
        Dictionary<string, string> People,
        Dictionary<string, string> Workflows,
        DateTimeOffset ReadAt);
}
