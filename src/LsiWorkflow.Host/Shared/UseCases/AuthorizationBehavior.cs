using System.Collections.Concurrent;
using System.Reflection;
using LsiWorkflow.Host.Shared.Access;
using Mediator;

namespace LsiWorkflow.Host.Shared.UseCases;

/// <summary>
/// Who may send a message, declared on the message: people allowed by <see cref="Policy"/> (one of
/// <see cref="Policies"/>), and, when <see cref="System"/> is set, workflow steps and jobs. Every message declares it;
/// one without is refused, so a new use case cannot be open by omission.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowedAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;

    public bool System { get; init; }
}

/// <summary>
/// Checks every message against its <see cref="AllowedAttribute"/> before its handler runs, whoever sends it: an
/// endpoint, a page through <see cref="UseCaseSender"/>, a workflow step or a job. A refusal is 403 (401 for a caller
/// that is not signed in); the finer rules that need data (whose task is it) stay in the handlers.
/// </summary>
public sealed class AuthorizationBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly ConcurrentDictionary<Type, AllowedAttribute?> Declared = new();

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        var allowed = Declared.GetOrAdd(typeof(TMessage), static type => type.GetCustomAttribute<AllowedAttribute>())
            ?? throw new ForbiddenException($"{typeof(TMessage).Name} zegt niet wie het mag sturen en wordt daarom geweigerd.");
        var actor = message is IActorMessage carrying ? carrying.Actor : Actor.Anonymous;
        var mayAct = actor.IsSystem ? allowed.System : Policies.Allows(allowed.Policy, actor);
        if (!mayAct)
        {
            throw actor.IsAnonymous && allowed.Policy != Policies.Public
                ? new UnauthorizedException()
                : new ForbiddenException("U heeft geen rechten voor deze handeling.");
        }
        return next(message, cancellationToken);
    }
}
