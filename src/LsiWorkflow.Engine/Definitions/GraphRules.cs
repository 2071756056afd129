using System.Text.Json;
using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Activities;

namespace LsiWorkflow.Engine.Definitions;

/// <summary>
/// The rules for how a definition's activities are connected: a start exists, every connection joins two activities
/// by an outcome its source offers, every activity can be reached from a start, and every loop can wait.
/// </summary>
internal static class GraphRules
{
    /// <summary>Checks the connections of <paramref name="definition"/>, whose activities are <paramref name="activities"/> by id.</summary>
    public static void Check(WorkflowDefinition definition, IReadOnlyDictionary<string, ValidatedActivity> activities, TimeSpan minimumPeriod, List<ValidationProblem> problems)
    {
        var starts = activities.Values.Where(a => a.Descriptor?.IsStart == true).Select(a => a.Definition.Id).ToList();
        if (starts.Count == 0)
        {
            problems.Add(new(ValidationCodes.NoStart, "$.activities", "De workflow heeft geen Start of geplande start (TimerStart)."));
        }
        CheckConnections(definition, activities, problems);
        var graph = DefinitionGraph.For(definition);
        CheckReachability(graph, activities, starts, problems);
        CheckLoops(graph, activities, minimumPeriod, problems);
    }

    private static void CheckConnections(WorkflowDefinition definition, IReadOnlyDictionary<string, ValidatedActivity> activities, List<ValidationProblem> problems)
    {
        for (var i = 0; i < definition.Connections.Count; i++)
        {
            var connection = definition.Connections[i];
            var path = $"$.connections[{i}]";
            var sourceKnown = activities.TryGetValue(connection.Source, out var source);
            if (!sourceKnown && !string.IsNullOrEmpty(connection.Source))
            {
                problems.Add(new(ValidationCodes.MissingConnectionSource, $"{path}.source", $"Verbinding vanaf '{connection.Source}', maar die activiteit bestaat niet."));
            }
            if (!activities.ContainsKey(connection.Target) && !string.IsNullOrEmpty(connection.Target))
            {
                problems.Add(new(ValidationCodes.MissingConnectionTarget, $"{path}.target", $"Verbinding naar '{connection.Target}', maar die activiteit bestaat niet.", sourceKnown ? connection.Source : null));
            }
            if (sourceKnown && source!.Descriptor is { } descriptor && Outcomes(source.Definition, descriptor) is { } outcomes
                && !outcomes.Contains(connection.EffectiveOutcome))
            {
                var offered = outcomes.Count == 0 ? "geen uitkomsten" : $"alleen {string.Join(", ", outcomes)}";
                problems.Add(new(ValidationCodes.UnknownOutcome, $"{path}.outcome", $"Activiteit '{connection.Source}' heeft geen uitkomst '{connection.EffectiveOutcome}' ({offered}).", connection.Source));
            }
        }
    }

    /// <summary>The outcomes an activity offers, or null when they come from an expression and cannot be known.</summary>
    private static List<string>? Outcomes(ActivityDefinition activity, ActivityDescriptor descriptor)
    {
        var outcomes = new List<string>(descriptor.Outcomes);
        if (descriptor.OutcomesProperty is not { } property)
        {
            return outcomes;
        }
        var value = activity.Properties?[property];
        if (ActivityRegistry.IsExpression(value, out _))
        {
            return null;
        }
        if (value is JsonArray items)
        {
            foreach (var item in items)
            {
                if ((ActivityValidationContext.Text(item) ?? ActivityValidationContext.Field(item, "name")) is { } name)
                {
                    outcomes.Add(name);
                }
            }
        }
        return outcomes;
    }

    private static void CheckReachability(DefinitionGraph graph, IReadOnlyDictionary<string, ValidatedActivity> activities, List<string> starts, List<ValidationProblem> problems)
    {
        if (starts.Count == 0)
        {
            return;
        }
        var reached = graph.StepsFrom(starts);
        foreach (var (id, activity) in activities.OrderBy(a => a.Value.Index))
        {
            if (!reached.ContainsKey(id))
            {
                problems.Add(new(ValidationCodes.UnreachableActivity, $"$.activities[{activity.Index}]", $"Activiteit '{id}' is vanaf geen enkele start bereikbaar.", id));
            }
        }
    }

    /// <summary>Every loop needs an activity that can wait, or it may spin forever.</summary>
    private static void CheckLoops(DefinitionGraph graph, IReadOnlyDictionary<string, ValidatedActivity> activities, TimeSpan minimumPeriod, List<ValidationProblem> problems)
    {
        foreach (var loop in graph.Loops)
        {
            var waits = loop.Where(id => MayWait(activities[id].Definition, activities[id].Descriptor)).ToList();
            if (waits.Count > 0)
            {
                CheckTimerLoop(waits, activities, minimumPeriod, problems);
                continue;
            }
            var first = loop[0];
            problems.Add(new(ValidationCodes.LoopWithoutWait, $"$.activities[{activities[first].Index}]",
                $"De lus {string.Join(", ", loop)} kan eindeloos doorlopen zonder ooit te wachten; neem een taak, wachttijd of gebeurtenis op.", first));
        }
    }

    /// <summary>
    /// A loop that waits only on fixed wait times is a repeating timer: one round must take at least the minimum
    /// period, or the loop wakes its instance every few seconds for ever. A loop that also waits on a task, an event or
    /// a wait time given as an expression or a date is left alone.
    /// </summary>
    private static void CheckTimerLoop(List<string> waits, IReadOnlyDictionary<string, ValidatedActivity> activities, TimeSpan minimumPeriod, List<ValidationProblem> problems)
    {
        var round = TimeSpan.Zero;
        foreach (var id in waits)
        {
            var activity = activities[id].Definition;
            if (activity.Type != "Delay"
                || ActivityValidationContext.Text(activity.Properties?["duration"]) is not { } text
                || !IsoDuration.TryParse(text, out var duration))
            {
                return;
            }
            round += duration.Shortest;
        }
        if (round < minimumPeriod)
        {
            var first = activities[waits[0]];
            problems.Add(new(ValidationCodes.PeriodTooShort, $"$.activities[{first.Index}].properties.duration",
                $"De lus {string.Join(", ", waits)} wacht per ronde alleen {IsoDuration.Describe(round)}; een herhalende timer wacht minstens {IsoDuration.Describe(minimumPeriod)}.", first.Definition.Id));
        }
    }

    private static bool MayWait(ActivityDefinition activity, ActivityDescriptor? descriptor)
    {
        if (descriptor is null)
        {
            // Unknown types are reported already; do not pile a loop problem on top.
            return true;
        }
        if (descriptor.MayWait)
        {
            return true;
        }
        if (descriptor.MayWaitProperty is { } property && activity.Properties?[property] is { } value)
        {
            return ActivityRegistry.IsExpression(value, out _) || value.GetValueKind() == JsonValueKind.True;
        }
        return false;
    }
}

/// <summary>An activity the checks know by its id: where it stands in the definition and its type's descriptor, if the type is known.</summary>
internal sealed record ValidatedActivity(int Index, ActivityDefinition Definition, ActivityDescriptor? Descriptor);
