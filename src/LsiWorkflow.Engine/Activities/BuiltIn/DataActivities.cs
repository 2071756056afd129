using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Runtime;

namespace LsiWorkflow.Engine.Activities;

/// <summary>Sets a workflow variable.</summary>
[Activity("SetVariable", Category = "Gegevens", DisplayName = "Variabele zetten", Description = "Geeft een variabele een (berekende) waarde.")]
[Outcomes("Done")]
public sealed class SetVariable : Activity
{
    /// <summary>Declared variable name.</summary>
    [ActivityProperty(Kind = PropertyKind.Variable, Required = true, SupportsExpression = false, DisplayName = "Variabele")]
    public string? Variable { get; set; }

    /// <summary>Any JSON value, or an expression.</summary>
    [ActivityProperty(Kind = PropertyKind.Object, DisplayName = "Waarde", Description = "Vaste waarde of expressie.")]
    public JsonNode? Value { get; set; }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Variables[Variable!] = Value?.DeepClone();
        return ValueTask.FromResult(ActivityResult.Done);
    }
}

/// <summary>Sends a message built from templates to organisations, roles or users.</summary>
[Activity("SendNotification", Category = "Communicatie", DisplayName = "Bericht sturen", Description = "Stuurt een bericht aan organisaties, rollen of personen.")]
[Outcomes("Done")]
public sealed class SendNotification : Activity
{
    /// <summary>Recipient organisations.</summary>
    [ActivityProperty(Kind = PropertyKind.Organisations, DisplayName = "Organisaties")]
    public IReadOnlyList<string>? Organisations { get; set; }

    /// <summary>Recipient roles.</summary>
    [ActivityProperty(Kind = PropertyKind.StringList, DisplayName = "Rollen")]
    public IReadOnlyList<string>? Roles { get; set; }

    /// <summary>Recipient users.</summary>
    [ActivityProperty(Kind = PropertyKind.StringList, DisplayName = "Personen")]
    public IReadOnlyList<string>? Users { get; set; }

    /// <summary>Subject template.</summary>
    [ActivityProperty(Kind = PropertyKind.Template, Required = true, DisplayName = "Onderwerp")]
    public string? Subject { get; set; }

    /// <summary>Body template.</summary>
    [ActivityProperty(Kind = PropertyKind.Template, Required = true, DisplayName = "Tekst")]
    public string? Body { get; set; }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        IReadOnlyList<string> organisations = Organisations ?? [], roles = Roles ?? [], users = Users ?? [];
        if (organisations.Count + roles.Count + users.Count == 0)
        {
            return ValueTask.FromResult(ActivityResult.Fault("Het bericht heeft geen ontvangers."));
        }
        context.Emit(new NotificationRequested(Guid.NewGuid(), organisations, roles, users, Subject ?? "", Body ?? ""));
        return ValueTask.FromResult(ActivityResult.Done);
    }

    /// <inheritdoc />
    public override void Validate(ActivityValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Has("organisations") && !context.Has("roles") && !context.Has("users"))
        {
            context.Report(ValidationCodes.MissingRequiredProperty, "organisations", "Geef ten minste één ontvanger (organisaties, rollen of personen).");
        }
    }
}

/// <summary>Records that a milestone was reached, with its planned date and the actual moment.</summary>
[Activity("Milestone", Category = "Gegevens", DisplayName = "Mijlpaal", Description = "Legt vast dat een mijlpaal is bereikt, met geplande en werkelijke datum.")]
[Outcomes("Done")]
public sealed class Milestone : Activity
{
    /// <summary>Milestone name.</summary>
    [ActivityProperty(Kind = PropertyKind.Text, Required = true, DisplayName = "Naam")]
    public string? Name { get; set; }

    /// <summary>Planned date.</summary>
    [ActivityProperty(Kind = PropertyKind.Date, DisplayName = "Geplande datum")]
    public string? PlannedDate { get; set; }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        DateOnly? planned = JsonTypes.TryParseMoment(PlannedDate, out var moment) ? DateOnly.FromDateTime(moment.Date) : null;
        var actual = context.Now;
        context.Output = new JsonObject
        {
            ["name"] = Name,
            ["plannedDate"] = planned?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["actualAt"] = actual,
        };
        context.Emit(new MilestoneReached(context.ActivityId, Name ?? context.ActivityId, planned, actual));
        return ValueTask.FromResult(ActivityResult.Done);
    }
}
