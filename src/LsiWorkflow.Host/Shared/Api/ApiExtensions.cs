using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace LsiWorkflow.Host.Shared.Api;

public static class ApiExtensions
{
    /// <summary>ProblemDetails for every error, OpenAPI, health checks.</summary>
    public static IHostApplicationBuilder AddLsiApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier));
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        builder.Services.AddExceptionHandler<BadInputHandler>();
        // Unreadable bodies reach BadInputHandler, which answers with the JSON path of the problem.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.RespectNullableAnnotations = true;
            // Enums travel as their names ("AreaBased"), which API clients can read and which survive reordering.
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        var maxBody = builder.Configuration.GetValue("Api:MaxRequestBodyBytes", 1024L * 1024);
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = maxBody);
        builder.Services.AddLsiOpenApi();
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

/// <summary>
/// Input the host cannot take becomes a ProblemDetails, never a 500: a body too large (413), unreadable JSON,
/// a value of the wrong type or an unknown field (400, with the JSON path), and text the database refuses to
/// store (a NUL character, longer than its column).
/// </summary>
internal sealed class BadInputHandler(IProblemDetailsService problems, ILogger<BadInputHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, path, message) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, "$", "Het verzoek is groter dan de host aanneemt."),
            BadHttpRequestException { InnerException: JsonException json } =>
                (StatusCodes.Status400BadRequest, json.Path ?? "$", "Onleesbare JSON, een onbekend veld of een waarde van het verkeerde type."),
            BadHttpRequestException bad =>
                (bad.StatusCode, "$", "Het verzoek mist een verplicht deel of is onleesbaar."),
            _ when RefusedText(exception) is { } refused =>
                (StatusCodes.Status400BadRequest, "$", refused),
            _ => (0, "", ""),
        };
        if (status == 0)
        {
            return false;
        }
        log.LogInformation("Request refused ({Status}) at {Path}", status, path);
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new()
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ValidationProblemDetails(new Dictionary<string, string[]> { [path] = [message] })
            {
                Status = status,
                Title = status == StatusCodes.Status413PayloadTooLarge ? "Verzoek te groot" : "Ongeldig verzoek",
                Detail = message,
            },
        });
    }

    private static string? RefusedText(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter }:
                    return "De tekst bevat een teken dat niet kan worden opgeslagen (zoals een nul-teken).";
                case PostgresException { SqlState: PostgresErrorCodes.StringDataRightTruncation }:
                    return "Een tekst is langer dan is toegestaan.";
            }
        }
        return null;
    }
}
