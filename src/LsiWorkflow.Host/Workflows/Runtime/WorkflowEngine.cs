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
    // A stored version never changes, so a parsed copy may be kept by any node. It is keyed by the row's own id,
    // not by definition id and version, which a restored or reset database may give to other content.
    private readonly ConcurrentDictionary<Guid, WorkflowDefinition> published = new();

    public ActivityRegistry Registry { get; } = ActivityRegistry.FromAssemblies(typeof(WorkflowEngine).Assembly);

    public ExpressionEngine Expressions { get; } = new();

    private DefinitionValidator? validator;

    /// <summary>Stateless, so one serves every request (a race builds a second, harmlessly).</summary>
    public DefinitionValidator Validator => validator ??= new(Registry, Expressions);

    public WorkflowRunner CreateRunner(IServiceProvider services) => new(Registry, Expressions, time, services);

    public WorkflowDefinition Published(Guid recordId, int version, string json) =>
        published.GetOrAdd(recordId, _ => DefinitionSerializer.Parse(json) with { Version = version });

    public bool TryGetPublished(Guid recordId, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out WorkflowDefinition definition) =>
        published.TryGetValue(recordId, out definition);
}
