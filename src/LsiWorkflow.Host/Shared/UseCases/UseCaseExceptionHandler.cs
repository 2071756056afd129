using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace LsiWorkflow.Host.Shared.UseCases;

/// <summary>Refusals of use cases become ProblemDetails: 400, 403, 404 or 409 with every reason.</summary>
internal sealed class UseCaseExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not UseCaseException refusal)
        {
            return false;
        }
        httpContext.Response.StatusCode = refusal.StatusCode;
        var details = refusal is InvalidRequestException { Errors.Count: > 0 } invalid
            ? new ValidationProblemDetails(invalid.Errors.ToDictionary())
            : new ProblemDetails();
        details.Status = refusal.StatusCode;
        details.Title = refusal.Title;
        details.Detail = refusal.Message;
        if (refusal.Reasons.Count > 0)
        {
            details.Extensions["reasons"] = refusal.Reasons;
        }
        return await problems.TryWriteAsync(new() { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }
}
