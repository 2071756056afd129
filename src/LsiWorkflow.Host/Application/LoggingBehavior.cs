using System.Diagnostics;
using Mediator;

namespace LsiWorkflow.Host.Application;

/// <summary>Logs every use case with its duration; refusals at information level, failures as errors.</summary>
public sealed class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> log)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            log.LogDebug("{UseCase} done in {ElapsedMs:0.0} ms", typeof(TMessage).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (UseCaseException refusal)
        {
            log.LogInformation("{UseCase} refused ({Status}): {Reason}", typeof(TMessage).Name, refusal.StatusCode, refusal.Message);
            throw;
        }
    }
}
