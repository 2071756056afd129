using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Definitions;

namespace LsiWorkflow.Engine.Activities;

/// <summary>Takes True or False depending on a condition.</summary>
[Activity("Decision", Category = "Stroom", DisplayName = "Beslissing", Description = "Kiest Waar of Onwaar op grond van een voorwaarde.")]
[Outcomes("True", "False")]
public sealed class Decision : Activity
{
    /// <summary>Scriban condition.</summary>
    [ActivityProperty(Kind = PropertyKind.Expression, Required = true, SupportsExpression = false, DisplayName = "Voorwaarde", Description = "Scriban-voorwaarde, bijvoorbeeld variables.bedrag > 1000.")]
    public string? Condition { get; set; }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = context.EvaluateCondition(Condition ?? "false");
        return ValueTask.FromResult(ActivityResult.Complete(result ? "True" : "False"));
    }
}

/// <summary>A named case of a <see cref="Switch"/>.</summary>
/// <param name="Name">Outcome taken when the condition holds.</param>
/// <param name="Condition">Scriban condition.</param>
public sealed record SwitchCase(string Name, string Condition);

/// <summary>Takes the first case whose condition holds, otherwise Default.</summary>
[Activity("Switch", Category = "Stroom", DisplayName = "Keuze", Description = "Neemt de eerste tak waarvan de voorwaarde klopt, anders Default.")]
[Outcomes("Default", FromProperty = "cases")]
public sealed class Switch : Activity
{
    /// <summary>Cases in order.</summary>
    [ActivityProperty(Kind = PropertyKind.Cases, Required = true, SupportsExpression = false, DisplayName = "Gevallen", Description = "Lijst van naam en voorwaarde; de eerste die klopt wint.")]
    public IReadOnlyList<SwitchCase>? Cases { get; set; }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var @case in Cases ?? [])
        {
            if (context.EvaluateCondition(@case.Condition))
            {
                return ValueTask.FromResult(ActivityResult.Complete(@case.Name));
            }
        }
        return ValueTask.FromResult(ActivityResult.Complete("Default"));
    }

    /// <inheritdoc />
    public override void Validate(ActivityValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Literal("cases") is not JsonArray cases)
        {
            return;
        }
        var names = new HashSet<string>(StringComparer.Ordinal) { "Default" };
        for (var i = 0; i < cases.Count; i++)
        {
            var name = ActivityValidationContext.Field(cases[i], "name");
            if (string.IsNullOrWhiteSpace(name) || !names.Add(name))
            {
                context.Report(ValidationCodes.DuplicateName, $"cases[{i}].name", $"Geval {i + 1} heeft geen, een dubbele of een gereserveerde naam.");
            }
            context.CheckExpression(ActivityValidationContext.Field(cases[i], "condition"), $"cases[{i}].condition");
        }
    }
}

/// <summary>Sends a token down every branch at once.</summary>
[Activity("Fork", Category = "Stroom", DisplayName = "Splitsing", Description = "Start alle takken tegelijk.")]
[Outcomes(FromProperty = "branches")]
public sealed class Fork : Activity
{
    /// <summary>Branch names (outcomes).</summary>
    [ActivityProperty(Kind = PropertyKind.StringList, Required = true, SupportsExpression = false, DisplayName = "Takken", Description = "Namen van de takken; elke tak krijgt een eigen verbinding.")]
    public IReadOnlyList<string>? Branches { get; set; }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        ValueTask.FromResult(ActivityResult.Complete([.. Branches ?? []]));
}

/// <summary>
/// Brings branches together. Wait all fires once a token has come over every inbound connection since it last
/// fired, then starts counting again (so it works in loops and when a branch waited on a timer). Wait any fires
/// on the first token and cancels whatever the other inbound branches still wait on.
/// </summary>
[Activity("Join", Category = "Stroom", DisplayName = "Samenvoeging", Description = "Wacht op alle binnenkomende takken, of gaat door bij de eerste en annuleert de rest.")]
[Outcomes("Done")]
public sealed class Join : Activity
{
    /// <summary>all or any.</summary>
    [ActivityProperty(Kind = PropertyKind.Choice, Choices = ["all", "any"], Default = "all", SupportsExpression = false, DisplayName = "Wachten op", Description = "all: alle takken; any: de eerste tak.")]
    public string? Mode { get; set; }

    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Mode == "any")
        {
            context.CancelInboundBranches();
            return ValueTask.FromResult(ActivityResult.Done);
        }

        var inbound = context.InboundConnections.Select(Key).Distinct(StringComparer.Ordinal).ToList();
        var arrivals = context.ActivityState?["arrivals"] as JsonObject ?? [];
        if (context.ArrivedFrom is { } from)
        {
            arrivals[Key(from)] = (arrivals[Key(from)]?.GetValue<int>() ?? 0) + 1;
        }
        var complete = inbound.All(k => arrivals[k]?.GetValue<int>() > 0);
        if (complete)
        {
            // Take one token per connection; extra tokens count towards the next round.
            foreach (var key in inbound)
            {
                arrivals[key] = arrivals[key]!.GetValue<int>() - 1;
            }
        }
        context.ActivityState = new JsonObject { ["arrivals"] = arrivals.DeepClone() };
        if (complete)
        {
            return ValueTask.FromResult(ActivityResult.Done);
        }
        var arrived = inbound.Count(k => arrivals[k]?.GetValue<int>() > 0);
        context.JournalMessage = $"Wacht op andere takken ({arrived} van {inbound.Count} binnen).";
        return ValueTask.FromResult(ActivityResult.Complete());
    }

    private static string Key(ConnectionDefinition connection) => $"{connection.Source}/{connection.EffectiveOutcome}";
}

/// <summary>Ends the whole instance, cancelling every remaining wait.</summary>
[Activity("End", Category = "Stroom", DisplayName = "Einde", Description = "Beëindigt de hele workflow en annuleert wat nog openstaat.")]
public sealed class End : Activity
{
    /// <inheritdoc />
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.EndInstance();
        return ValueTask.FromResult(ActivityResult.Complete());
    }
}
