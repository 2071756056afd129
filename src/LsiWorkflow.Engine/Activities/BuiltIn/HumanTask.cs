using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Runtime;

namespace LsiWorkflow.Engine.Activities;

/// <summary>Who a task is for. Several organisations mean one task per organisation.</summary>
/// <param name="Organisations">Organisations, each getting its own task.</param>
/// <param name="Role">Role within the organisation (or overall).</param>
/// <param name="User">A named user.</param>
public sealed record Assignee(IReadOnlyList<string>? Organisations = null, string? Role = null, string? User = null);

/// <summary>
/// A task for people. With several organisations each gets a task and <see cref="Completion"/> decides:
/// any — the first completion decides; all — everyone must choose the first (positive) outcome and the first
/// other choice decides at once (veto); atLeast — positive once <see cref="AtLeastCount"/> chose it, otherwise
/// the first other outcome as soon as that count can no longer be reached. Open tasks are then cancelled.
/// </summary>
[Activity("HumanTask", Category = "Taken", DisplayName = "Taak", Description = "Een taak voor een organisatie, rol of persoon, met uitkomsten, formulier, termijn en herinneringen.", MayWait = true)]
[Outcomes(FromProperty = "outcomes")]
public sealed class HumanTask : Activity
{
    private const string Any = "any";
    private const string All = "all";
    private const string AtLeast = "atLeast";

    /// <summary>Title template.</summary>
    [ActivityProperty(Kind = PropertyKind.Template, Required = true, DisplayName = "Titel")]
    public string? Title { get; set; }

    /// <summary>Description template.</summary>
    [ActivityProperty(Kind = PropertyKind.Template, DisplayName = "Omschrijving")]
    public string? Description { get; set; }

    /// <summary>Organisations, role and/or user; parts may be expressions.</summary>
    [ActivityProperty(Kind = PropertyKind.Object, Required = true, DisplayName = "Toegewezen aan", Description = "{ organisations: [...], role, user }; één taak per organisatie.")]
    public Assignee? Assignee { get; set; }

    /// <summary>Completion rule across organisations.</summary>
    [ActivityProperty(Kind = PropertyKind.Choice, Choices = [Any, All, AtLeast], Default = Any, SupportsExpression = false, DisplayName = "Afronding", Description = "any: de eerste beslist; all: iedereen moet akkoord (veto); atLeast: minimaal een aantal akkoord.")]
    public string? Completion { get; set; }

    /// <summary>Positive completions needed for atLeast.</summary>
    [ActivityProperty(Kind = PropertyKind.Number, DisplayName = "Minimaal aantal", Description = "Aantal akkoorden bij atLeast.")]
    public int? AtLeastCount { get; set; }

    /// <summary>Outcomes; the first is the positive one.</summary>
    [ActivityProperty(Kind = PropertyKind.OutcomeList, Required = true, SupportsExpression = false, DisplayName = "Uitkomsten", Description = "Bijvoorbeeld Goedkeuren, Afwijzen, Aanpassen; de eerste is de positieve.")]
    public IReadOnlyList<string>? Outcomes { get; set; }

    /// <summary>Outcomes that need a comment; default every outcome but the first.</summary>
    [ActivityProperty(Kind = PropertyKind.OutcomeList, SupportsExpression = false, DisplayName = "Toelichting verplicht bij")]
    public IReadOnlyList<string>? CommentRequiredFor { get; set; }

    /// <summary>Form fields.</summary>
    [ActivityProperty(Kind = PropertyKind.FormFields, SupportsExpression = false, DisplayName = "Formulier")]
    public IReadOnlyList<FormField>? FormFields { get; set; }

    /// <summary>Time allowed, from when the task opens.</summary>
    [ActivityProperty(Kind = PropertyKind.Duration, DisplayName = "Termijn", Description = "Bijvoorbeeld P14D.")]
    public string? DueIn { get; set; }

    /// <summary>Fixed due date.</summary>
    [ActivityProperty(Kind = PropertyKind.Date, DisplayName = "Uiterste datum")]
    public string? DueDate { get; set; }

    /// <summary>Reminder offsets before the due date.</summary>
    [ActivityProperty(Kind = PropertyKind.DurationList, SupportsExpression = false, DisplayName = "Herinneringen", Description = "Hoe lang voor de uiterste datum, bijvoorbeeld P14D en P3D.")]
    public IReadOnlyList<string>? Reminders { get; set; }

    /// <summary>Who is told when the task is overdue.</summary>
    [ActivityProperty(Kind = PropertyKind.Role, DisplayName = "Escaleren naar", Description = "Bijvoorbeeld SteeringGroupMember of Secretariat.")]
    public string? EscalateTo { get; set; }

    /// <summary>Priority.</summary>
    [ActivityProperty(Kind = PropertyKind.Choice, Choices = ["low", "normal", "high"], Default = "normal", DisplayName = "Prioriteit")]
    public string? Priority { get; set; }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcomes = Outcomes ?? [];
        if (outcomes.Count == 0)
        {
            return ValueTask.FromResult(ActivityResult.Fault("De taak heeft geen uitkomsten."));
        }
        var organisations = (Assignee?.Organisations ?? []).Where(o => !string.IsNullOrWhiteSpace(o)).Distinct(StringComparer.Ordinal).ToList();
        if (organisations.Count == 0 && string.IsNullOrWhiteSpace(Assignee?.Role) && string.IsNullOrWhiteSpace(Assignee?.User))
        {
            return ValueTask.FromResult(ActivityResult.Fault("De taak is aan niemand toegewezen."));
        }

        DateTimeOffset? dueAt = null;
        if (JsonTypes.TryParseMoment(DueDate, out var dueDate))
        {
            dueAt = dueDate;
        }
        else if (!string.IsNullOrWhiteSpace(DueIn))
        {
            dueAt = IsoDuration.Parse(DueIn).AddTo(context.Now);
        }
        var reminders = Reminders ?? [];
        IReadOnlyList<DateTimeOffset> remindAt = dueAt is { } due
            ? [.. reminders.Select(r => IsoDuration.Parse(r).SubtractFrom(due)).Where(at => at > context.Now).Order()]
            : [];
        IReadOnlyList<string> commentRequiredFor = CommentRequiredFor ?? [.. outcomes.Skip(1)];

        var bookmarks = new List<Bookmark>();
        var tasks = new JsonArray();
        foreach (var organisation in organisations.Count == 0 ? [null] : organisations.Cast<string?>())
        {
            var taskId = Guid.NewGuid();
            var bookmark = context.CreateBookmark(BookmarkKind.Task, dueAt: dueAt, data: new JsonObject { ["taskId"] = taskId, ["organisation"] = organisation });
            bookmarks.Add(bookmark);
            tasks.Add(new JsonObject { ["taskId"] = taskId, ["organisation"] = organisation });
            context.Emit(new TaskRequested(
                taskId, bookmark.Id, context.ActivityId, Title ?? context.ActivityId, Description,
                organisation, Assignee?.Role, Assignee?.User, outcomes, commentRequiredFor, FormFields ?? [],
                dueAt, reminders, remindAt, EscalateTo, Priority ?? "normal"));
        }
        context.ActivityState = new JsonObject { ["tasks"] = tasks, ["completions"] = new JsonArray() };
        context.Output = new JsonObject { ["outcome"] = null, ["completions"] = new JsonArray() };
        context.JournalMessage = tasks.Count == 1 ? "Taak geopend." : $"{tasks.Count} taken geopend, één per organisatie.";
        return ValueTask.FromResult(ActivityResult.Wait([.. bookmarks]));
    }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeSignal signal)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (signal is not TaskCompleted completed)
        {
            throw new InvalidSignalException("Een taak kan alleen worden afgerond.");
        }
        var outcomes = Outcomes ?? [];
        CheckCompletion(completed, outcomes);

        var state = context.ActivityState ?? new JsonObject { ["tasks"] = new JsonArray(), ["completions"] = new JsonArray() };
        var completions = (JsonArray)state["completions"]!;
        completions.Add(new JsonObject
        {
            ["taskId"] = completed.TaskId,
            ["outcome"] = completed.Outcome,
            ["actor"] = completed.Actor,
            ["organisation"] = completed.Organisation,
            ["comment"] = completed.Comment,
            ["formValues"] = completed.FormValues?.DeepClone(),
            ["completedAt"] = context.Now,
        });
        var total = Math.Max(1, ((JsonArray)state["tasks"]!).Count);
        var chosen = completions.Select(c => c!["outcome"]!.GetValue<string>()).ToList();
        var decision = Decide(chosen, outcomes[0], total);

        context.ActivityState = state;
        context.Output = new JsonObject { ["outcome"] = decision, ["completions"] = completions.DeepClone() };
        if (decision is null)
        {
            context.JournalMessage = $"Taak afgerond met {completed.Outcome}; wacht op {total - chosen.Count} andere.";
            return ValueTask.FromResult(ActivityResult.Wait());
        }
        return ValueTask.FromResult(ActivityResult.Complete(decision));
    }

    private string? Decide(IReadOnlyList<string> chosen, string positive, int total)
    {
        var last = chosen[^1];
        var positives = chosen.Count(o => o == positive);
        var firstOther = chosen.FirstOrDefault(o => o != positive);
        switch (Completion ?? Any)
        {
            case All:
                return last != positive ? last : positives == total ? positive : null;
            case AtLeast:
                var needed = Math.Clamp(AtLeastCount ?? total, 1, total);
                if (positives >= needed)
                {
                    return positive;
                }
                var open = total - chosen.Count;
                return positives + open < needed ? firstOther : null;
            default:
                return last;
        }
    }

    private void CheckCompletion(TaskCompleted completed, IReadOnlyList<string> outcomes)
    {
        if (!outcomes.Contains(completed.Outcome))
        {
            throw new InvalidSignalException($"'{completed.Outcome}' is geen uitkomst van deze taak; kies uit {string.Join(", ", outcomes)}.");
        }
        var needsComment = CommentRequiredFor ?? [.. outcomes.Skip(1)];
        if (needsComment.Contains(completed.Outcome) && string.IsNullOrWhiteSpace(completed.Comment))
        {
            throw new InvalidSignalException($"Bij '{completed.Outcome}' is een toelichting verplicht.");
        }
        foreach (var field in FormFields ?? [])
        {
            if (field.Required && IsBlank(completed.FormValues?[field.Name]))
            {
                throw new InvalidSignalException($"Formulierveld '{field.Label ?? field.Name}' is verplicht.");
            }
        }
    }

    // An empty or blank text is no answer: "Gedaan" with an empty result says nothing.
    private static bool IsBlank(JsonNode? value) =>
        value is null || (value is JsonValue text && text.TryGetValue<string>(out var s) && string.IsNullOrWhiteSpace(s));

    /// <inheritdoc />
    public override void Validate(ActivityValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcomes = (context.Literal("outcomes") as JsonArray)?.Select(ActivityValidationContext.Text).ToList() ?? [];
        if (outcomes.Count == 0 && context.Has("outcomes"))
        {
            context.Report(ValidationCodes.MissingRequiredProperty, "outcomes", "Een taak heeft ten minste één uitkomst nodig.");
        }
        if (outcomes.Count != outcomes.Distinct().Count())
        {
            context.Report(ValidationCodes.DuplicateName, "outcomes", "Uitkomsten van een taak moeten verschillend zijn.");
        }
        if (context.Literal("commentRequiredFor") is JsonArray needsComment)
        {
            for (var i = 0; i < needsComment.Count; i++)
            {
                if (!outcomes.Contains(ActivityValidationContext.Text(needsComment[i])))
                {
                    context.Report(ValidationCodes.UnknownOutcome, $"commentRequiredFor[{i}]", $"'{needsComment[i]}' is geen uitkomst van deze taak.");
                }
            }
        }
        if (context.LiteralText("completion") == AtLeast && !context.Has("atLeastCount"))
        {
            context.Report(ValidationCodes.MissingRequiredProperty, "atLeastCount", "Bij 'atLeast' hoort een minimaal aantal (atLeastCount).");
        }
        if (context.Has("dueIn") && context.Has("dueDate"))
        {
            context.Report(ValidationCodes.WrongPropertyType, "dueDate", "Geef 'dueIn' of 'dueDate', niet allebei.");
        }
        if (context.Literal("formFields") is JsonArray fields)
        {
            for (var i = 0; i < fields.Count; i++)
            {
                var type = ActivityValidationContext.Field(fields[i], "type") ?? "text";
                if (!FormField.Types.Contains(type))
                {
                    context.Report(ValidationCodes.WrongPropertyType, $"formFields[{i}].type", $"Onbekend veldtype '{type}'; kies uit {string.Join(", ", FormField.Types)}.");
                }
            }
        }
    }
}
