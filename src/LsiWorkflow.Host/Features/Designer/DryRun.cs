using System.Text.Json;
using System.Text.Json.Nodes;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Runtime;
using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime;
using Mediator;

namespace LsiWorkflow.Host.Features.Designer;

/// <summary>A task the dry run waits on, with the outcomes the designer may choose.</summary>
public sealed record DryRunTask(Guid BookmarkId, Guid TaskId, string ActivityId, string? Organisation, IReadOnlyList<string> Outcomes);

public sealed record DryRunState(
    string StateJson,
    string Status,
    IReadOnlyList<string> Visited,
    IReadOnlyList<string> Waiting,
    IReadOnlyList<DryRunTask> Tasks,
    IReadOnlyList<JournalEntry> Journal);

/// <summary>
/// Runs a draft in memory with the engine's runner: no database, no services, and every effect (tasks, mail, timers)
/// discarded. Without a state it starts; with one it completes a waiting task with the chosen outcome.
/// </summary>
[Allowed(Policies.CanDesignWorkflows)]
public sealed record DryRunStep(Actor Actor, string DefinitionJson, string? StateJson, Guid? BookmarkId = null, Guid? TaskId = null, string? Outcome = null, JsonObject? Input = null)
    : IQuery<DryRunState>, IActorMessage;

public sealed class DryRunStepHandler(EngineServices engine, TimeProvider time) : IQueryHandler<DryRunStep, DryRunState>
{
    public async ValueTask<DryRunState> Handle(DryRunStep query, CancellationToken cancellationToken)
    {
        var definition = DefinitionValidation.ParseValid(engine, query.DefinitionJson);
        var runner = new WorkflowRunner(engine.Registry, engine.Expressions, time, services: null);
        var previous = query.StateJson is null ? [] : JsonNode.Parse(query.StateJson)!["journal"]!.Deserialize<List<JournalEntry>>() ?? [];
        BurstResult burst;
        if (query.StateJson is null)
        {
            burst = await runner.StartAsync(definition, new StartRequest { InstanceId = Guid.NewGuid(), Input = query.Input, Actor = "proefrit" }, cancellationToken);
        }
        else
        {
            var state = WorkflowState.FromJson(JsonNode.Parse(query.StateJson)!["state"]!.ToJsonString());
            try
            {
                // Outcomes other than the first usually need a comment; a dry run gives one.
                burst = await runner.ResumeAsync(definition, state,
                    new TaskCompleted(query.BookmarkId ?? Guid.Empty, query.TaskId ?? Guid.Empty, query.Outcome ?? "", Actor: "proefrit", Comment: "Proefrit"), cancellationToken);
            }
            catch (InvalidSignalException ex)
            {
                throw new InvalidRequestException(ex.Message);
            }
        }
        var journal = previous.Concat(burst.Journal).ToList();
        var tasks = burst.State.Bookmarks.Where(b => b.Kind == BookmarkKind.Task).Select(b => new DryRunTask(
            b.Id,
            b.Data?["taskId"]?.GetValue<Guid>() ?? Guid.Empty,
            b.ActivityId,
            b.Data?["organisation"]?.GetValue<string>(),
            OutcomesOf(definition.FindActivity(b.ActivityId)))).ToList();
        var stateJson = new JsonObject
        {
            ["state"] = JsonNode.Parse(burst.State.ToJson()),
            ["journal"] = JsonSerializer.SerializeToNode(journal),
        }.ToJsonString();
        return new DryRunState(
            stateJson,
            burst.State.Status.ToString(),
            [.. journal.Select(j => j.ActivityId).OfType<string>().Distinct()],
            [.. burst.State.Bookmarks.Select(b => b.ActivityId).Distinct()],
            tasks,
            journal);
    }

    private IReadOnlyList<string> OutcomesOf(ActivityDefinition? activity)
    {
        if (activity is null || engine.Registry.Find(activity.Type) is not { } descriptor)
        {
            return [];
        }
        var outcomes = new List<string>(descriptor.Outcomes);
        if (descriptor.OutcomesProperty is { } name && activity.Properties?[name] is JsonArray items)
        {
            outcomes.AddRange(items.Select(i => i is JsonObject o ? o["name"]?.ToString() : i?.ToString()).OfType<string>());
        }
        return outcomes;
    }
}
