using LsiWorkflow.Domain;
using LsiWorkflow.Runtime;
using Mediator;

namespace LsiWorkflow.Host.Shared.UseCases;

/// <summary>
/// The one place where the domain's and the runtime's refusals become use-case refusals, for the API, the pages and
/// jobs alike: a rule the domain enforces is a conflict (409), an instance or task that does not exist is not found
/// (404). Any other exception stays what it is: a fault (500).
/// </summary>
public sealed class RefusalBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (DomainRuleException refused)
        {
            throw new ConflictException("Niet toegestaan", refused.Message);
        }
        catch (WorkflowNotFoundException missing)
        {
            throw new NotFoundException(missing.Message);
        }
    }
}
