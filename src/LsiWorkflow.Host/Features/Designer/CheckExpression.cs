using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;
using LsiWorkflow.Runtime;
using Mediator;

namespace LsiWorkflow.Host.Features.Designer;

public sealed record ExpressionCheck(string? Error)
{
    public bool IsValid => Error is null;
}

/// <summary>Checks a Scriban expression or template as the designer types it, with the engine's own parser.</summary>
[Allowed(Policies.CanDesignWorkflows)]
public sealed record CheckExpression(Actor Actor, string Source, bool IsTemplate) : IQuery<ExpressionCheck>, IActorMessage;

public sealed class CheckExpressionHandler(EngineServices engine) : IQueryHandler<CheckExpression, ExpressionCheck>
{
    public ValueTask<ExpressionCheck> Handle(CheckExpression query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ExpressionCheck(engine.Expressions.Check(query.Source, query.IsTemplate)));
}
