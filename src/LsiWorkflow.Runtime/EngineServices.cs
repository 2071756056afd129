using System.Reflection;
using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Engine.Definitions;
using LsiWorkflow.Engine.Expressions;
using LsiWorkflow.Engine.Runtime;

namespace LsiWorkflow.Runtime;

/// <summary>
/// The engine as this host configures it: the activity types (the engine's own and those of the assemblies the host
/// names, such as its gate), the sandboxed expressions and the validator. One instance serves every request.
/// </summary>
public sealed class EngineServices(TimeProvider time, IEnumerable<Assembly> activityAssemblies, TimeSpan? minimumPeriod = null)
{
    public ActivityRegistry Registry { get; } = ActivityRegistry.FromAssemblies([.. activityAssemblies]);

    public ExpressionEngine Expressions { get; } = new();

    private DefinitionValidator? validator;

    /// <summary>Stateless, so one serves every request (a race builds a second, harmlessly).</summary>
    public DefinitionValidator Validator => validator ??= new(Registry, Expressions, minimumPeriod);

    /// <summary>A runner whose activities may use <paramref name="services"/> (the caller's scope).</summary>
    public WorkflowRunner CreateRunner(IServiceProvider services) => new(Registry, Expressions, time, services);
}
