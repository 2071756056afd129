using LsiWorkflow.Engine.Activities;
using LsiWorkflow.Host.Shared.UseCases;
using Mediator;

namespace LsiWorkflow.Host.Shared.Workflows;

/// <summary>
/// Base of the activities that read or change the LSI domain. They send the same use cases as the API, each in
/// a scope of its own (so the burst's caller never shares a DbContext with them), and act as a system actor that
/// names the instance, so the audit trail shows which workflow made a change.
/// </summary>
/// <remarks>
/// The two-step contract of a changing activity (a project transition, a DPIA step, a publication): its use case
/// commits in its own transaction, during the burst, before the burst's own transaction commits the instance's new
/// state. If the process dies between the two, the change is stored and the instance still stands before the step;
/// the step then runs again (the sweep or a retried signal resumes the instance), so every such use case must be
/// idempotent for the same instance: a repeated transition, approval or publication changes nothing and records
/// nothing (see RepeatedRequestTests), and a publication is keyed by an id derived from the instance and step. A
/// change that fails refuses the step: the burst raises an incident and nothing of it is committed.
/// </remarks>
public abstract class DomainActivity : Activity
{
    /// <summary>The actor of a workflow step: the system, on behalf of this instance.</summary>
    protected static Actor ActorOf(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Actor.ForWorkflow(context.Workflow.Id, context.InstanceId);
    }

    protected static IServiceProvider Services(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Services ?? throw new InvalidOperationException($"Activiteit '{context.ActivityId}' heeft de diensten van de host nodig.");
    }

    /// <summary>Sends a use case in a fresh scope.</summary>
    protected static async ValueTask<TResponse> SendAsync<TResponse>(ActivityContext context, Func<ISender, ValueTask<TResponse>> send)
    {
        ArgumentNullException.ThrowIfNull(send);
        await using var scope = Services(context).CreateAsyncScope();
        return await send(scope.ServiceProvider.GetRequiredService<ISender>());
    }

    /// <summary>A Guid property given as text (often through an expression).</summary>
    protected static Guid RequireId(string? value, string property) =>
        Guid.TryParse(value, out var id) ? id : throw new InvalidOperationException($"'{property}' is geen geldige id: '{value}'.");
}
