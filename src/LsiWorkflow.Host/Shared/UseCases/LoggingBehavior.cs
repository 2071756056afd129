using System.Diagnostics;
using Mediator;

namespace LsiWorkflow.Host.Shared.UseCases;

/// <summary>Logs every use case with its duration; refusals at information level (their reasons at debug), failures as errors.</summary>
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
            // The reason may name people ("already decided by ..."): it goes to the caller, and to the log only at Debug.
            log.LogInformation("{UseCase} refused ({Status})", typeof(TMessage).Name, refusal.StatusCode);
            log.LogDebug("{UseCase} refused: {Reason}", typeof(TMessage).Name, refusal.Message);
            throw;
        }
    }
}
