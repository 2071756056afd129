using System.Diagnostics;
using Mediator;

namespace LsiWorkflow.Host.Shared.UseCases;

/// <summary>The span every use case runs in; its bursts and SQL appear beneath it in a trace.</summary>
public static class UseCaseTelemetry
{
    public const string Name = "LsiWorkflow.UseCases";

    public static readonly ActivitySource Source = new(Name);
}

/// <summary>
/// Logs every use case with its duration and traces it as a span named after its message; refusals at information
/// level (their reasons at debug), failures as errors.
/// </summary>
public sealed class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> log)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = UseCaseTelemetry.Source.StartActivity(typeof(TMessage).Name);
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
            activity?.SetTag("lsi.refused", refusal.StatusCode);
            throw;
        }
    }
}
