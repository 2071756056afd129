using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace LsiWorkflow.Host.Api;

public static class ApiExtensions
{
    /// <summary>ProblemDetails for every error, OpenAPI, health checks.</summary>
    public static IHostApplicationBuilder AddLsiApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier));
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        builder.Services.AddOpenApi();
        builder.Services.AddLsiHealthChecks();
        return builder;
    }
}

/// <summary>While the database is down, callers get a quick 503 with a plain message, not a 500.</summary>
internal sealed class DatabaseUnavailableHandler(IProblemDetailsService problems, ILogger<DatabaseUnavailableHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsDatabaseUnavailable(exception))
        {
            return false;
        }
        log.LogWarning("Request refused: the database is unavailable ({Reason})", exception.GetBaseException().Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new()
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Database niet bereikbaar",
                Detail = "De database is tijdelijk niet bereikbaar. Probeer het over enkele seconden opnieuw.",
            },
        });
    }

    internal static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException)
            {
                return true;
            }
        }
        return false;
    }
}
