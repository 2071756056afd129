using System.Collections.Concurrent;
using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Expressions;
using LsiWorkflow.Engine.Runtime;

namespace LsiWorkflow.Host.Workflows.Runtime;

/// <summary>
/// The engine as the host uses it: the activity registry (built-ins plus the host's own activities, such as the
/// gate), the sandboxed expressions, the validator, and parsed published definitions.
/// </summary>
public sealed class WorkflowEngine(TimeProvider time)
{
    // Published versions never change, so a parsed copy may be kept by any node.
    private readonly ConcurrentDictionary<(string Id, int Version), WorkflowDefinition> published = new();

    public ActivityRegistry Registry { get; } = ActivityRegistry.FromAssemblies(typeof(WorkflowEngine).Assembly);

    public ExpressionEngine Expressions { get; } = new();

    public DefinitionValidator Validator => new(Registry, Expressions);

    public WorkflowRunner CreateRunner(IServiceProvider services) => new(Registry, Expressions, time, services);

    public WorkflowDefinition Published(string definitionId, int version, string json) =>
        published.GetOrAdd((definitionId, version), _ => DefinitionSerializer.Parse(json) with { Version = version });

    public bool TryGetPublished(string definitionId, int version, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out WorkflowDefinition definition) =>
        published.TryGetValue((definitionId, version), out definition);
}
